package org.switchboard.knowledge;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.identity.Actor;

/**
 * What readers say about the knowledge base: "was this helpful" per article, and the searches that
 * found nothing useful (the knowledge-gaps report). Search and the help center call {@link #recordGap}
 * for a search without hits or without a click.
 */
public interface KnowledgeFeedback {

    /** Why a search counts as a gap. */
    enum GapReason {
        ZERO_HITS,
        NO_CLICK,
        NOT_HELPFUL;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Records a "was this helpful" answer. A customer's (actor {@code null}) may only rate an article
     * customers can see. "Not helpful" with the query that led to the article also logs a gap.
     *
     * @throws org.switchboard.platform.InvalidInputException no such (visible) article, comment too long
     */
    void rate(
            ArticleId article,
            boolean helpful,
            @Nullable String comment,
            @Nullable String query,
            @Nullable CaseId caseId,
            @Nullable Actor actor);

    /** Logs a search that found nothing useful; {@code source} is customer, agent or suggestions. */
    void recordGap(String query, @Nullable String language, GapReason reason, String source);

    /** Feedback and use of one article. */
    ArticleInsights insights(ArticleId article);

    /** Searches that found nothing useful since {@code since}, grouped by normalized query, most frequent first. */
    List<KnowledgeGap> gaps(Instant since, int limit);

    /**
     * Feedback and use of an article.
     *
     * @param uses times agents inserted it (or a translation of it) into a reply on a case
     * @param cases distinct cases it was inserted on
     * @param recentComments the latest comments, newest first (at most 20)
     */
    record ArticleInsights(
            ArticleId articleId,
            long helpful,
            long notHelpful,
            long uses,
            long cases,
            @Nullable Instant lastUsedAt,
            List<Comment> recentComments) {}

    record Comment(boolean helpful, String source, String text, Instant at) {}

    /**
     * One group of the knowledge-gaps report.
     *
     * @param query the normalized query the group is keyed by
     * @param example the latest query as typed
     */
    record KnowledgeGap(
            String query,
            String example,
            long count,
            long zeroHits,
            long noClick,
            long notHelpful,
            List<String> languages,
            Instant lastAt) {}
}
