package org.switchboard.knowledge.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.KnowledgeProposals;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * {@link KnowledgeProposals}. A new article goes through {@link Articles} at once (a draft submitted for
 * review, visible in the editors' article lists); an edit of an existing article is kept here until an
 * editor accepts it, because changing a published article needs the editor permission.
 */
@Service
class ProposalService implements KnowledgeProposals {

    static final int MAX_TITLE = 300;
    static final int MAX_BODY = 100_000;
    private static final String COLUMNS = """
            select id, kind, article_id, case_id, title, body, note, proposed_by, status, created_at, decided_by,
                   decided_at, decision_note
            from knowledge_proposal
            """;

    private final JdbcClient jdbc;
    private final Articles articles;
    private final Cases cases;
    private final Clock clock;

    ProposalService(JdbcClient jdbc, Articles articles, Cases cases, Clock clock) {
        this.jdbc = jdbc;
        this.articles = articles;
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Proposal propose(
            String kind,
            @Nullable ArticleId articleId,
            @Nullable CaseId caseId,
            String title,
            String body,
            @Nullable String note,
            @Nullable String language,
            Actor actor) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        if (!"edit".equals(kind) && !"new".equals(kind)) {
            problems.add(new FieldProblem("kind", "must be one of edit, new"));
        }
        if (title == null || title.isBlank()) {
            problems.add(new FieldProblem("title", "must not be blank"));
        } else if (title.length() > MAX_TITLE) {
            problems.add(new FieldProblem("title", "at most " + MAX_TITLE + " characters"));
        }
        if (body == null || body.isBlank()) {
            problems.add(new FieldProblem("body", "must not be blank"));
        } else if (body.length() > MAX_BODY) {
            problems.add(new FieldProblem("body", "at most " + MAX_BODY + " characters"));
        }
        if ("edit".equals(kind) && articleId == null) {
            problems.add(new FieldProblem("articleId", "is required to propose an edit"));
        }
        if ("new".equals(kind) && (language == null || language.isBlank())) {
            problems.add(new FieldProblem("language", "is required for a new article"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (caseId != null) {
            cases.get(caseId, actor);
        }
        ArticleId target = articleId;
        if ("edit".equals(kind)) {
            articles.find(articleId).orElseThrow(() -> new InvalidInputException("articleId", "no such article"));
        } else {
            // Internal audience until an editor decides otherwise: a proposal is not yet reviewed content.
            ArticleView draft = articles.create(
                    new ArticleDraft(
                            title.strip(),
                            body,
                            null,
                            Language.of(language),
                            Audience.AGENTS,
                            null,
                            List.of(),
                            List.of(),
                            null,
                            null,
                            null,
                            null),
                    actor);
            articles.changeStatus(draft.id(), ArticleStatus.IN_REVIEW, null, actor);
            target = draft.id();
        }
        UUID id = Ids.newId(clock);
        jdbc.sql("""
                        insert into knowledge_proposal (id, kind, article_id, case_id, title, body, note, proposed_by,
                                                        status, created_at)
                        values (:id, :kind, :article, :case, :title, :body, :note, :by, 'open', :at)""")
                .param("id", id)
                .param("kind", kind)
                .param("article", target == null ? null : target.value())
                .param("case", caseId == null ? null : caseId.value())
                .param("title", title.strip())
                .param("body", body)
                .param("note", note == null || note.isBlank() ? null : note.strip())
                .param("by", actor.id().value())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return get(id.toString());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Proposal> list(@Nullable String status, int limit) {
        if (status != null && !List.of("open", "accepted", "rejected").contains(status)) {
            throw new InvalidInputException("status", "must be one of open, accepted, rejected");
        }
        return jdbc.sql(COLUMNS + (status == null ? "" : " where status = :status")
                        + " order by created_at desc, id desc limit :limit")
                .param("status", status)
                .param("limit", limit)
                .query((rs, n) -> proposal(rs))
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public Proposal get(String id) {
        return find(id, false).orElseThrow(() -> new NotFoundException("proposal", id));
    }

    private Optional<Proposal> find(String id, boolean lock) {
        return jdbc.sql(COLUMNS + " where id = :id" + (lock ? " for update" : ""))
                .param("id", Ids.parse(id, "proposal"))
                .query((rs, n) -> proposal(rs))
                .optional();
    }

    @Override
    @Transactional
    public Proposal decide(String id, boolean accept, @Nullable String note, Actor editor) {
        if (!articles.isEditor(editor)) {
            throw new AccessDeniedException("Only knowledge editors review proposals");
        }
        Proposal proposal = find(id, true).orElseThrow(() -> new NotFoundException("proposal", id));
        if (!proposal.status().equals("open")) {
            throw new ConflictException("This proposal was already " + proposal.status());
        }
        if (proposal.articleId() != null) {
            if (proposal.kind().equals("edit") && accept) {
                ArticleView current = articles.find(proposal.articleId())
                        .orElseThrow(() -> new ConflictException("The article of this proposal no longer exists"));
                articles.update(
                        current.id(),
                        new ArticleDraft(
                                proposal.title(),
                                proposal.body(),
                                current.summary(),
                                current.language(),
                                current.audience(),
                                current.category() == null
                                        ? null
                                        : current.category().id(),
                                current.tags(),
                                current.products(),
                                current.reviewBy(),
                                null,
                                null,
                                current.externalId()),
                        null,
                        editor);
            } else if (proposal.kind().equals("new")) {
                ArticleView draft = articles.find(proposal.articleId()).orElse(null);
                if (draft != null && draft.status() == ArticleStatus.IN_REVIEW) {
                    articles.changeStatus(
                            draft.id(), accept ? ArticleStatus.PUBLISHED : ArticleStatus.DRAFT, null, editor);
                }
            }
        }
        jdbc.sql("""
                        update knowledge_proposal
                        set status = :status, decided_by = :by, decided_at = :at, decision_note = :note, version = version + 1
                        where id = :id""")
                .param("id", Ids.parse(id, "proposal"))
                .param("status", accept ? "accepted" : "rejected")
                .param("by", editor.id().value())
                .param("at", Timestamp.from(clock.instant()))
                .param("note", note == null || note.isBlank() ? null : note.strip())
                .update();
        return get(id);
    }

    private static Proposal proposal(ResultSet rs) throws SQLException {
        UUID article = rs.getObject("article_id", UUID.class);
        UUID theCase = rs.getObject("case_id", UUID.class);
        UUID decidedBy = rs.getObject("decided_by", UUID.class);
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Proposal(
                rs.getObject("id", UUID.class).toString(),
                rs.getString("kind"),
                article == null ? null : new ArticleId(article),
                theCase == null ? null : new CaseId(theCase),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("note"),
                rs.getObject("proposed_by", UUID.class).toString(),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                decidedBy == null ? null : decidedBy.toString(),
                decidedAt == null ? null : decidedAt.toInstant(),
                rs.getString("decision_note"));
    }
}
