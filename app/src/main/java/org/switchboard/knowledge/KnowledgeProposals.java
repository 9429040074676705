package org.switchboard.knowledge;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.identity.Actor;

/**
 * Agents propose an edit of an article or a new article from a case; knowledge editors review. A new
 * article becomes a draft in review through {@link Articles} at once; an edit waits as a proposal and is
 * written to the article (a new revision) when an editor accepts it.
 */
public interface KnowledgeProposals {

    /**
     * @param kind {@code edit} (needs {@code articleId}) or {@code new}
     * @param caseId the case the proposal came from (the agent must see it), or null
     * @param language for a new article, the language of its text
     */
    Proposal propose(
            String kind,
            @Nullable ArticleId articleId,
            @Nullable CaseId caseId,
            String title,
            String body,
            @Nullable String note,
            @Nullable String language,
            Actor actor);

    /** Proposals by status ({@code open}, {@code accepted}, {@code rejected}; null: all), newest first. */
    List<Proposal> list(@Nullable String status, int limit);

    Proposal get(String id);

    /**
     * Accepts (writing the edit to the article or publishing the new one) or rejects. Editors only; a
     * decided proposal is a 409.
     */
    Proposal decide(String id, boolean accept, @Nullable String note, Actor editor);

    record Proposal(
            String id,
            String kind,
            @Nullable ArticleId articleId,
            @Nullable CaseId caseId,
            String title,
            String body,
            @Nullable String note,
            String proposedBy,
            String status,
            Instant createdAt,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String decisionNote) {}
}
