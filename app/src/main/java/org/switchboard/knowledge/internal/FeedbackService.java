package org.switchboard.knowledge.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;

/** {@link KnowledgeFeedback} on the feedback, gap and case-article tables. */
@Service
class FeedbackService implements KnowledgeFeedback {

    static final int MAX_COMMENT = 2000;
    static final int MAX_QUERY = 1000;

    private final JdbcClient jdbc;
    private final Articles articles;
    private final Cases cases;
    private final Clock clock;

    FeedbackService(JdbcClient jdbc, Articles articles, Cases cases, Clock clock) {
        this.jdbc = jdbc;
        this.articles = articles;
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void rate(
            ArticleId article,
            boolean helpful,
            @Nullable String comment,
            @Nullable String query,
            @Nullable CaseId caseId,
            @Nullable Actor actor) {
        if (articles.findVisible(article, actor).isEmpty()) {
            throw new InvalidInputException("articleId", "no such article");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "at most " + MAX_COMMENT + " characters");
        }
        if (query != null && query.length() > MAX_QUERY) {
            throw new InvalidInputException("query", "at most " + MAX_QUERY + " characters");
        }
        if (caseId != null) {
            if (actor == null) {
                throw new InvalidInputException("caseId", "only agents rate from a case");
            }
            cases.get(caseId, actor);
        }
        jdbc.sql("""
                        insert into knowledge_feedback (id, article_id, helpful, comment, source, user_id, case_id, query, created_at)
                        values (:id, :article, :helpful, :comment, :source, :user, :case, :query, :at)""")
                .param("id", Ids.newId(clock))
                .param("article", article.value())
                .param("helpful", helpful)
                .param("comment", comment == null || comment.isBlank() ? null : comment.strip())
                .param("source", actor == null ? "customer" : "agent")
                .param("user", actor == null ? null : actor.id().value())
                .param("case", caseId == null ? null : caseId.value())
                .param("query", query == null || query.isBlank() ? null : query.strip())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (!helpful && query != null && !query.isBlank()) {
            recordGap(query, null, GapReason.NOT_HELPFUL, actor == null ? "customer" : "agent");
        }
    }

    @Override
    @Transactional
    public void recordGap(String query, @Nullable String language, GapReason reason, String source) {
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("query", "must not be blank");
        }
        if (query.length() > MAX_QUERY) {
            throw new InvalidInputException("query", "at most " + MAX_QUERY + " characters");
        }
        String normalized = GapQueries.normalize(query);
        if (normalized.isEmpty()) {
            return; // only punctuation: nothing a writer could act on
        }
        jdbc.sql("""
                        insert into knowledge_search_gap (id, query, normalized, language, reason, source, at)
                        values (:id, :query, :normalized, :language, :reason, :source, :at)""")
                .param("id", Ids.newId(clock))
                .param("query", query.strip())
                .param("normalized", normalized)
                .param("language", language)
                .param("reason", reason.wire())
                .param("source", source)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public ArticleInsights insights(ArticleId article) {
        long[] votes = jdbc.sql("""
                        select count(*) filter (where helpful), count(*) filter (where not helpful)
                        from knowledge_feedback where article_id = :article""")
                .param("article", article.value())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        record Use(long uses, long cases, @Nullable Instant last) {}
        Use use = jdbc.sql("""
                        select count(*), count(distinct case_id), max(at) from knowledge_case_article
                        where article_id = :article or inserted_article_id = :article""")
                .param("article", article.value())
                .query((rs, n) -> new Use(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .single();
        List<Comment> comments = jdbc.sql("""
                        select helpful, source, comment, created_at from knowledge_feedback
                        where article_id = :article and comment is not null
                        order by created_at desc, id desc limit 20""")
                .param("article", article.value())
                .query((rs, n) -> new Comment(
                        rs.getBoolean(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
        return new ArticleInsights(article, votes[0], votes[1], use.uses(), use.cases(), use.last(), comments);
    }

    @Override
    @Transactional(readOnly = true)
    public List<KnowledgeGap> gaps(Instant since, int limit) {
        return jdbc.sql("""
                        select normalized,
                               (array_agg(query order by at desc))[1],
                               count(*),
                               count(*) filter (where reason = 'zero_hits'),
                               count(*) filter (where reason = 'no_click'),
                               count(*) filter (where reason = 'not_helpful'),
                               string_agg(distinct language, ','),
                               max(at)
                        from knowledge_search_gap
                        where at >= :since
                        group by normalized
                        order by count(*) desc, max(at) desc, normalized
                        limit :limit""")
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query((rs, n) -> new KnowledgeGap(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getString(7) == null
                                ? List.of()
                                : Arrays.asList(rs.getString(7).split(",")),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** Records one insert of an article on a case (a use). */
    void recordUse(CaseId caseId, ArticleId article, ArticleId inserted, String language, UUID user, Instant at) {
        jdbc.sql("""
                        insert into knowledge_case_article (id, case_id, article_id, inserted_article_id, language, user_id, at)
                        values (:id, :case, :article, :inserted, :language, :user, :at)""")
                .param("id", Ids.newId(clock))
                .param("case", caseId.value())
                .param("article", article.value())
                .param("inserted", inserted.value())
                .param("language", language)
                .param("user", user)
                .param("at", Timestamp.from(at))
                .update();
    }

    record Use(ArticleId article, ArticleId inserted, String language, Instant at) {}

    List<Use> usesOnCase(CaseId caseId) {
        List<Use> uses = new ArrayList<>();
        jdbc.sql("""
                        select article_id, inserted_article_id, language, at from knowledge_case_article
                        where case_id = :case order by at, id""").param("case", caseId.value()).query((java.sql.ResultSet rs) -> {
            uses.add(new Use(
                    new ArticleId(rs.getObject(1, UUID.class)),
                    new ArticleId(rs.getObject(2, UUID.class)),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()));
        });
        return uses;
    }
}
