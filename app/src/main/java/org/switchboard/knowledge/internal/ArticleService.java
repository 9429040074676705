package org.switchboard.knowledge.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.knowledge.ArticleArchived;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticlePublished;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleSummary;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.CategoryRef;
import org.switchboard.knowledge.ImportResult;
import org.switchboard.knowledge.ImportedArticle;
import org.switchboard.knowledge.Language;
import org.switchboard.knowledge.Passage;
import org.switchboard.knowledge.Person;
import org.switchboard.knowledge.PublishedArticle;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;
import org.switchboard.platform.RuleViolationException;

/**
 * The knowledge articles. Every command validates all input first, then locks the article row ({@code
 * for update}) and writes the article, its revision, its slug history, the audit entry and the events in
 * one transaction. Imports of one external id are serialized by a transaction-scoped advisory lock, so
 * two concurrent imports of a new id make one article.
 */
@Service
public class ArticleService implements Articles {

    static final int MAX_TITLE = 250;
    static final int MAX_SUMMARY = 1000;
    static final int MAX_LABEL = 100;
    static final int MAX_LABELS = 50;
    static final int MAX_EXTERNAL_ID = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Users users;
    private final AuditLog audit;
    private final KnowledgeProperties properties;

    ArticleService(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            Users users,
            AuditLog audit,
            KnowledgeProperties properties) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.users = users;
        this.audit = audit;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- reads

    @Override
    @Transactional(readOnly = true)
    public Optional<ArticleView> find(ArticleId id) {
        return row(id, false).map(this::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ArticleView> findVisible(ArticleId id, @Nullable Actor reader) {
        return row(id, false).filter(row -> visible(row, reader)).map(this::view);
    }

    static boolean visible(ArticleRow row, @Nullable Actor reader) {
        if (reader != null) {
            return true;
        }
        return row.status() == ArticleStatus.PUBLISHED && row.audience() == Audience.CUSTOMERS;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ArticleView> findByExternalId(String externalId) {
        return jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM + " where a.external_id = ?")
                .param(externalId)
                .query(ArticleRow::map)
                .optional()
                .map(this::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ArticleView> findBySlug(String slug, @Nullable Language language) {
        return jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM + """
                         join knowledge_article_slug h on h.article_id = a.id
                         where h.slug = :slug and (cast(:language as text) is null or a.language = :language)
                         order by (a.slug = :slug) desc, (a.status = 'published') desc, h.created_at desc
                         limit 1""")
                .param("slug", slug)
                .param("language", language == null ? null : language.code())
                .query(ArticleRow::map)
                .optional()
                .map(this::view);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ArticleView> translation(ArticleId id, Language language) {
        ArticleRow row = row(id, false).orElseThrow(() -> new NotFoundException("article", id));
        return jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM
                        + " where a.family_id = ? and a.language = ? and a.status = 'published'")
                .params(row.family().value(), language.code())
                .query(ArticleRow::map)
                .optional()
                .map(this::view);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ArticleSummary> family(ArticleId id) {
        ArticleRow row = row(id, false).orElseThrow(() -> new NotFoundException("article", id));
        var rows = jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM
                        + " where a.family_id = ? order by (a.translation_of is null) desc, a.language")
                .param(row.family().value())
                .query(ArticleRow::map)
                .list();
        return summaries(rows);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<PublishedArticle> published(@Nullable String cursor, int limit) {
        if (limit < 1 || limit > Cursor.MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + Cursor.MAX_LIMIT);
        }
        UUID after = null;
        if (cursor != null) {
            try {
                after = UUID.fromString(Cursor.decode(cursor));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
        }
        var rows = jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM + """
                         where a.status = 'published' and (cast(:after as uuid) is null or a.id > :after)
                         order by a.id limit :limit""")
                .param("after", after)
                .param("limit", limit + 1)
                .query(ArticleRow::map)
                .list();
        Map<String, Category> categories = categoryTree();
        return Page.fromOverfetch(rows, limit, row -> row.id().toString()).map(row -> publishedOf(row, categories));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PublishedArticle> published(ArticleId id) {
        return row(id, false)
                .filter(row -> row.status() == ArticleStatus.PUBLISHED)
                .map(row -> publishedOf(row, categoryTree()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Passage> passages(ArticleId id) {
        ArticleRow row = row(id, false).orElseThrow(() -> new NotFoundException("article", id));
        return MarkdownText.passages(row.id(), row.title(), row.body());
    }

    private PublishedArticle publishedOf(ArticleRow row, Map<String, Category> categories) {
        Category category = row.categoryId() == null
                ? null
                : categories.get(row.categoryId().toString());
        return new PublishedArticle(
                row.id(),
                row.family(),
                row.externalId(),
                row.language(),
                row.title(),
                row.summary(),
                MarkdownText.text(row.body()),
                row.tags(),
                row.products(),
                category == null ? null : category.id(),
                category == null ? null : category.pathText(),
                row.audience(),
                row.publishedAt() == null ? row.updatedAt() : row.publishedAt(),
                row.updatedAt(),
                MarkdownText.passages(row.id(), row.title(), row.body()));
    }

    /** A page of articles for the authoring list (signed-in users see every audience and status). */
    @Transactional(readOnly = true)
    public Page<ArticleSummary> list(ArticleFilter filter) {
        var where = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("a.status = any(cast(:statuses as text[]))");
            params.put(
                    "statuses",
                    filter.statuses().stream().map(ArticleStatus::wire).toArray(String[]::new));
        }
        if (filter.language() != null) {
            where.add("a.language = :language");
            params.put("language", filter.language().code());
        }
        if (filter.audience() != null) {
            where.add("a.audience = :audience");
            params.put("audience", filter.audience().wire());
        }
        if (filter.categoryId() != null) {
            var tree = categoryTree();
            if (!tree.containsKey(filter.categoryId())) {
                throw new InvalidInputException("category", "no such category");
            }
            where.add("a.category_id = any(cast(:categories as uuid[]))");
            params.put("categories", subtree(tree, filter.categoryId()).toArray(String[]::new));
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.add("a.tags @> cast(:tag as text[])");
            params.put("tag", new String[] {filter.tag().strip()});
        }
        if (filter.product() != null && !filter.product().isBlank()) {
            where.add("a.products @> cast(:product as text[])");
            params.put("product", new String[] {filter.product().strip()});
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add("(a.title ilike :q or a.summary ilike :q or a.external_id = :qExact)");
            params.put("q", Sql.contains(filter.q().strip()));
            params.put("qExact", filter.q().strip());
        }
        if (filter.owner() != null) {
            where.add("a.owner_id = :owner");
            params.put("owner", filter.owner().value());
        }
        if (filter.staleOnly()) {
            where.add("(a.translation_of is not null and s.revision > coalesce(a.source_revision, 0))");
        }
        String order;
        if (filter.dueForReview()) {
            where.add("a.review_by <= :today and a.status <> 'archived'");
            params.put("today", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            order = " order by a.review_by, a.id";
            if (filter.cursor() != null) {
                String[] position = Cursor.decode(filter.cursor()).split("\\|", 2);
                try {
                    where.add("(a.review_by, a.id) > (:cursorDate, :cursorId)");
                    params.put("cursorDate", LocalDate.parse(position[0]));
                    params.put("cursorId", UUID.fromString(position[1]));
                } catch (RuntimeException e) {
                    throw new InvalidInputException("cursor", "is not a cursor returned by this API");
                }
            }
        } else {
            order = " order by a.updated_at desc, a.id desc";
            if (filter.cursor() != null) {
                String[] position = Cursor.decode(filter.cursor()).split("\\|", 2);
                try {
                    where.add("(a.updated_at, a.id) < (:cursorAt, :cursorId)");
                    params.put("cursorAt", Sql.ts(Instant.parse(position[0])));
                    params.put("cursorId", UUID.fromString(position[1]));
                } catch (RuntimeException e) {
                    throw new InvalidInputException("cursor", "is not a cursor returned by this API");
                }
            }
        }
        String sql = "select " + ArticleRow.COLUMNS + ArticleRow.FROM
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + order + " limit :limit";
        params.put("limit", filter.limit() + 1);
        var rows = jdbc.sql(sql).params(params).query(ArticleRow::map).list();
        boolean due = filter.dueForReview();
        Page<ArticleRow> page = Page.fromOverfetch(
                rows, filter.limit(), row -> due ? row.reviewBy() + "|" + row.id() : row.updatedAt() + "|" + row.id());
        List<ArticleSummary> items = summaries(page.items());
        return new Page<>(items, page.nextCursor());
    }

    /** How many articles wait for review (the editors' queue badge). */
    @Transactional(readOnly = true)
    public long countInReview() {
        return jdbc.sql("select count(*) from knowledge_article where status = 'in_review'")
                .query(Long.class)
                .single();
    }

    // ---------------------------------------------------------------- commands

    @Override
    @Transactional
    public ArticleView create(ArticleDraft draft, Actor actor) {
        Content content = content(draft, null);
        ArticleRow source = null;
        if (draft.translationOf() != null) {
            source = row(draft.translationOf(), true)
                    .orElseThrow(() -> new InvalidInputException("translationOf", "no such article"));
            if (source.translationOf() != null) {
                // a translation of a translation joins the same family, measured against the family's source
                source = row(source.family(), true).orElseThrow();
            }
            if (familyHasLanguage(source.family(), draft.language(), null)) {
                throw new InvalidInputException(
                        "language", "the article already has a " + draft.language() + " translation");
            }
        }
        if (content.externalId() != null && externalIdTaken(content.externalId(), null)) {
            throw new InvalidInputException("externalId", "another article has this external id");
        }
        UUID owner = content.owner() != null ? content.owner() : actor.id().value();
        ArticleId id = ArticleId.newId();
        Instant now = clock.instant();
        try {
            insert(
                    id,
                    source == null ? id : source.family(),
                    source == null ? null : source.id(),
                    source == null ? null : source.revision(),
                    content,
                    ArticleStatus.DRAFT,
                    owner,
                    now);
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        revision(id, 1, content, actor.id().value(), source == null ? "created" : "translation created", now);
        audit.record(actor, "knowledge.article.created", "knowledge_article", id.toString(), Map.of());
        return view(row(id, false).orElseThrow());
    }

    @Override
    @Transactional
    public ArticleView update(ArticleId id, ArticleDraft draft, @Nullable Long expectedVersion, Actor actor) {
        ArticleRow row = row(id, true).orElseThrow(() -> new NotFoundException("article", id));
        ETags.check(expectedVersion, row.version(), "article", id);
        Content content = content(draft, row);
        if (row.status() == ArticleStatus.ARCHIVED) {
            throw new RuleViolationException("An archived article is not edited; move it back to draft first");
        }
        if (row.status() == ArticleStatus.PUBLISHED) {
            requireEditor(actor);
        }
        if (!content.language().equals(row.language()) && familyHasLanguage(row.family(), content.language(), id)) {
            throw new InvalidInputException(
                    "language", "the article's family already has a " + content.language() + " member");
        }
        if (content.externalId() != null && externalIdTaken(content.externalId(), id)) {
            throw new InvalidInputException("externalId", "another article has this external id");
        }
        try {
            return view(write(row, content, row.status(), actor, "edited"));
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
    }

    @Override
    @Transactional
    public ArticleView changeStatus(ArticleId id, ArticleStatus target, @Nullable Long expectedVersion, Actor actor) {
        ArticleRow row = row(id, true).orElseThrow(() -> new NotFoundException("article", id));
        ETags.check(expectedVersion, row.version(), "article", id);
        if (row.status() == target) {
            return view(row);
        }
        if (!row.status().canChangeTo(target)) {
            throw new RuleViolationException(
                    "An article cannot go from " + row.status().wire() + " to " + target.wire());
        }
        if (target.needsEditor() || row.status() == ArticleStatus.PUBLISHED || row.status() == ArticleStatus.ARCHIVED) {
            requireEditor(actor);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        update knowledge_article set status = ?, updated_at = ?, version = version + 1,
                               published_at = case when ? then ? else published_at end
                        where id = ?""")
                .params(target.wire(), Sql.ts(now), target == ArticleStatus.PUBLISHED, Sql.ts(now), id.value())
                .update();
        if (target == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticlePublished(id, row.language(), row.audience(), now));
        } else if (row.status() == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticleArchived(id, target, now));
        }
        audit.record(
                actor,
                "knowledge.article.status_changed",
                "knowledge_article",
                id.toString(),
                Map.of("from", row.status().wire(), "to", target.wire()));
        return view(row(id, false).orElseThrow());
    }

    @Override
    @Transactional
    public ImportResult importArticle(ImportedArticle article, @Nullable Actor actor) {
        List<FieldProblem> problems = new ArrayList<>();
        String externalId =
                article.externalId() == null ? "" : article.externalId().strip();
        if (externalId.isEmpty()) {
            problems.add(new FieldProblem("externalId", "is required"));
        } else if (externalId.length() > MAX_EXTERNAL_ID) {
            problems.add(new FieldProblem("externalId", "must be at most " + MAX_EXTERNAL_ID + " characters"));
        }
        String title = article.title() == null ? "" : article.title().strip();
        String body = article.body() == null ? "" : article.body().strip();
        if (title.isEmpty() && body.isEmpty()) {
            problems.add(new FieldProblem("title", "title or body is required"));
        }
        if (article.language() == null) {
            problems.add(new FieldProblem("language", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (title.isEmpty()) {
            title = titleFromBody(body);
        }
        if (body.isEmpty()) {
            body = title;
        }
        Audience audience = article.audience() == null ? Audience.AGENTS : article.audience();
        var draft = new ArticleDraft(
                title,
                body,
                null,
                article.language(),
                audience,
                null,
                article.tags() == null ? List.of() : article.tags(),
                List.of(),
                null,
                null,
                null,
                externalId);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('knowledge-import:' || ?))")
                .param(externalId)
                .query((rs, n) -> 1)
                .list();
        Optional<ArticleRow> existing = jdbc.sql(
                        "select " + ArticleRow.COLUMNS + ArticleRow.FROM + " where a.external_id = ? for update of a")
                .param(externalId)
                .query(ArticleRow::map)
                .optional();
        Instant now = clock.instant();
        UUID by = actor == null ? null : actor.id().value();
        if (existing.isEmpty()) {
            Content content = content(draft, null);
            ArticleId id = ArticleId.newId();
            insert(id, id, null, null, content, ArticleStatus.PUBLISHED, by, now);
            revision(id, 1, content, by, "imported", now);
            events.publishEvent(new ArticlePublished(id, content.language(), content.audience(), now));
            audit.record(
                    actor, "knowledge.article.imported", "knowledge_article", id.toString(), Map.of("created", true));
            return new ImportResult(id, true, true, 0);
        }
        ArticleRow row = existing.get();
        // An update keeps what the import does not carry (summary, category, products, owner).
        var merged = new ArticleDraft(
                title,
                body,
                row.summary(),
                article.language(),
                audience,
                row.categoryId() == null ? null : row.categoryId().toString(),
                draft.tags(),
                row.products(),
                row.reviewBy(),
                null,
                null,
                externalId);
        Content content = content(merged, row);
        if (!content.language().equals(row.language())
                && familyHasLanguage(row.family(), content.language(), row.id())) {
            throw new InvalidInputException(
                    "language", "the article's family already has a " + content.language() + " member");
        }
        boolean same = row.status() == ArticleStatus.PUBLISHED
                && row.title().equals(content.title())
                && row.body().equals(content.body())
                && row.language().equals(content.language())
                && row.audience() == content.audience()
                && row.tags().equals(content.tags());
        if (same) {
            return new ImportResult(row.id(), false, false, row.version());
        }
        ArticleRow written = write(row, content, ArticleStatus.PUBLISHED, actor, "imported");
        return new ImportResult(row.id(), false, true, written.version());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isEditor(Actor actor) {
        if (actor.role() == Role.ADMIN) {
            return true;
        }
        return jdbc.sql("select count(*) from knowledge_editor where user_id = ?")
                        .param(actor.id().value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    void requireEditor(Actor actor) {
        if (!isEditor(actor)) {
            throw new AccessDeniedException("Publishing and archiving need the knowledge-editor permission");
        }
    }

    // ---------------------------------------------------------------- versions

    /** The revisions of an article, newest first. */
    @Transactional(readOnly = true)
    public List<Revision> revisions(ArticleId id) {
        row(id, false).orElseThrow(() -> new NotFoundException("article", id));
        var rows = jdbc.sql("""
                        select number, title, summary, body, tags, products, audience, category_id, author_id, note,
                               created_at
                        from knowledge_article_revision where article_id = ? order by number desc""")
                .param(id.value())
                .query((rs, n) -> new RevisionRow(
                        rs.getInt("number"),
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("body"),
                        ArticleRow.strings(rs.getArray("tags")),
                        ArticleRow.strings(rs.getArray("products")),
                        Audience.of(rs.getString("audience")),
                        rs.getObject("category_id", UUID.class),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("note"),
                        ArticleRow.instant(rs, "created_at")))
                .list();
        Map<UserId, UserSummary> authors = users.findAll(rows.stream()
                .map(RevisionRow::author)
                .filter(Objects::nonNull)
                .map(UserId::new)
                .collect(Collectors.toSet()));
        return rows.stream()
                .map(r -> new Revision(
                        r.number(),
                        r.title(),
                        r.summary(),
                        r.body(),
                        r.tags(),
                        r.products(),
                        r.audience(),
                        r.category() == null ? null : r.category().toString(),
                        person(r.author(), authors),
                        r.note(),
                        r.at()))
                .toList();
    }

    private record RevisionRow(
            int number,
            String title,
            String summary,
            String body,
            List<String> tags,
            List<String> products,
            Audience audience,
            @Nullable UUID category,
            @Nullable UUID author,
            @Nullable String note,
            Instant at) {}

    @Transactional(readOnly = true)
    public Revision revision(ArticleId id, int number) {
        return revisions(id).stream()
                .filter(r -> r.number() == number)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("revision", id + "/" + number));
    }

    /** What changed from revision {@code from} to {@code to}. */
    @Transactional(readOnly = true)
    public RevisionDiff diff(ArticleId id, int from, int to) {
        var all = revisions(id);
        Revision before = all.stream()
                .filter(r -> r.number() == from)
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("from", "no such revision"));
        Revision after = all.stream()
                .filter(r -> r.number() == to)
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("to", "no such revision"));
        return new RevisionDiff(
                from,
                to,
                before.title(),
                after.title(),
                !before.title().equals(after.title()),
                LineDiff.between(before.body(), after.body()));
    }

    /**
     * Restores the content of an earlier revision as a new revision (history is never rewritten). A
     * published article needs the editor permission and is republished.
     */
    @Transactional
    public ArticleView rollback(ArticleId id, int number, @Nullable Long expectedVersion, Actor actor) {
        ArticleRow row = row(id, true).orElseThrow(() -> new NotFoundException("article", id));
        ETags.check(expectedVersion, row.version(), "article", id);
        Revision old = revision(id, number);
        if (row.status() == ArticleStatus.ARCHIVED) {
            throw new RuleViolationException("An archived article is not edited; move it back to draft first");
        }
        if (row.status() == ArticleStatus.PUBLISHED) {
            requireEditor(actor);
        }
        String categoryId = old.categoryId();
        if (categoryId != null && !categoryTree().containsKey(categoryId)) {
            categoryId = null;
        }
        var draft = new ArticleDraft(
                old.title(),
                old.body(),
                old.summary(),
                row.language(),
                old.audience(),
                categoryId,
                old.tags(),
                old.products(),
                row.reviewBy(),
                null,
                null,
                row.externalId());
        return view(write(row, content(draft, row), row.status(), actor, "rolled back to revision " + number));
    }

    // ---------------------------------------------------------------- categories

    /** The category tree in display order (depth-first, by position then name). */
    @Transactional(readOnly = true)
    public List<Category> categories() {
        return List.copyOf(categoryTree().values());
    }

    @Transactional
    public Category createCategory(String name, @Nullable String parentId, @Nullable Integer position, Actor actor) {
        requireEditor(actor);
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > MAX_LABEL || clean.indexOf('\0') >= 0) {
            throw new InvalidInputException("name", "must be 1 to " + MAX_LABEL + " characters");
        }
        var tree = categoryTree();
        UUID parent = null;
        if (parentId != null && !parentId.isBlank()) {
            if (!tree.containsKey(parentId.strip())) {
                throw new InvalidInputException("parentId", "no such category");
            }
            parent = UUID.fromString(parentId.strip());
        }
        UUID finalParent = parent;
        boolean taken = tree.values().stream()
                .anyMatch(c -> Objects.equals(c.parentId(), finalParent == null ? null : finalParent.toString())
                        && c.name().equalsIgnoreCase(clean));
        if (taken) {
            throw new InvalidInputException("name", "a category of this name exists at this place");
        }
        UUID id = Ids.newId(clock);
        try {
            jdbc.sql(
                            "insert into knowledge_category (id, parent_id, name, position, created_at) values (?, ?, ?, ?, ?)")
                    .params(id, parent, clean, position == null ? 0 : position, Sql.ts(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "a category of this name exists at this place");
        }
        audit.record(actor, "knowledge.category.created", "knowledge_category", id.toString(), Map.of());
        return categoryTree().get(id.toString());
    }

    Map<String, Category> categoryTree() {
        record Node(String id, String parent, String name, int position) {}
        var nodes = jdbc.sql("select id, parent_id, name, position from knowledge_category")
                .query((rs, n) -> {
                    UUID parent = rs.getObject("parent_id", UUID.class);
                    return new Node(
                            rs.getObject("id", UUID.class).toString(),
                            parent == null ? null : parent.toString(),
                            rs.getString("name"),
                            rs.getInt("position"));
                })
                .list();
        Map<String, List<Node>> children = new HashMap<>();
        for (Node node : nodes) {
            children.computeIfAbsent(node.parent() == null ? "" : node.parent(), k -> new ArrayList<>())
                    .add(node);
        }
        children.values()
                .forEach(list -> list.sort(java.util.Comparator.comparingInt(Node::position)
                        .thenComparing(Node::name, String.CASE_INSENSITIVE_ORDER)));
        Map<String, Category> ordered = new LinkedHashMap<>();
        var stack = new java.util.ArrayDeque<Object[]>(); // {node, path}
        List<Node> roots = children.getOrDefault("", List.of());
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Object[] {roots.get(i), List.<String>of()});
        }
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            Node node = (Node) top[0];
            @SuppressWarnings("unchecked")
            List<String> parentPath = (List<String>) top[1];
            if (ordered.containsKey(node.id())) {
                continue;
            }
            var path = new ArrayList<>(parentPath);
            path.add(node.name());
            ordered.put(
                    node.id(),
                    new Category(
                            node.id(),
                            node.parent(),
                            node.name(),
                            node.position(),
                            List.copyOf(path),
                            path.size() - 1));
            List<Node> kids = children.getOrDefault(node.id(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {kids.get(i), List.copyOf(path)});
            }
        }
        return ordered;
    }

    private static Set<String> subtree(Map<String, Category> tree, String root) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(root);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Category c : tree.values()) {
                if (c.parentId() != null && ids.contains(c.parentId()) && ids.add(c.id())) {
                    grew = true;
                }
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- editors

    /** The users holding the knowledge-editor permission by grant (admins hold it without one). */
    @Transactional(readOnly = true)
    public List<UserSummary> editors() {
        var ids = jdbc.sql("select user_id from knowledge_editor")
                .query(UUID.class)
                .list();
        return users.findAll(ids.stream().map(UserId::new).toList()).values().stream()
                .sorted(java.util.Comparator.comparing(UserSummary::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Grants or withdraws the permission; admins only. Granting twice changes nothing. */
    @Transactional
    public UserSummary setEditor(String user, boolean editor, Actor admin) {
        if (admin.role() != Role.ADMIN) {
            throw new AccessDeniedException("Only admins grant the knowledge-editor permission");
        }
        UserSummary target = users.findByIdOrUsername(user).orElseThrow(() -> new NotFoundException("user", user));
        if (editor) {
            int added = jdbc.sql("""
                            insert into knowledge_editor (user_id, granted_by, granted_at) values (?, ?, ?)
                            on conflict (user_id) do nothing""")
                    .params(target.id().value(), admin.id().value(), Sql.ts(clock.instant()))
                    .update();
            if (added > 0) {
                audit.record(
                        admin, "knowledge.editor.granted", "user", target.id().toString(), Map.of());
            }
        } else {
            int removed = jdbc.sql("delete from knowledge_editor where user_id = ?")
                    .param(target.id().value())
                    .update();
            if (removed > 0) {
                audit.record(
                        admin, "knowledge.editor.withdrawn", "user", target.id().toString(), Map.of());
            }
        }
        return target;
    }

    // ---------------------------------------------------------------- writing

    /** Validated, normalized content of a draft. */
    record Content(
            String title,
            String body,
            String summary,
            Language language,
            Audience audience,
            @Nullable UUID categoryId,
            List<String> tags,
            List<String> products,
            @Nullable LocalDate reviewBy,
            @Nullable UUID owner,
            @Nullable String externalId) {}

    Content content(ArticleDraft draft, @Nullable ArticleRow current) {
        List<FieldProblem> problems = new ArrayList<>();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty()) {
            problems.add(new FieldProblem("title", "must not be blank"));
        } else if (title.length() > MAX_TITLE) {
            problems.add(new FieldProblem("title", "must be at most " + MAX_TITLE + " characters"));
        }
        String body =
                draft.body() == null ? "" : draft.body().replace("\r\n", "\n").strip();
        if (body.length() > properties.maxBodyChars()) {
            problems.add(new FieldProblem("body", "must be at most " + properties.maxBodyChars() + " characters"));
        }
        if (body.indexOf('\0') >= 0) {
            problems.add(new FieldProblem("body", "must not contain NUL characters"));
        }
        String summary = draft.summary() == null ? "" : draft.summary().strip();
        if (summary.length() > MAX_SUMMARY) {
            problems.add(new FieldProblem("summary", "must be at most " + MAX_SUMMARY + " characters"));
        }
        if (draft.language() == null) {
            problems.add(new FieldProblem("language", "is required"));
        }
        if (draft.audience() == null) {
            problems.add(new FieldProblem("audience", "is required: agents, customers or partners"));
        }
        List<String> tags = labels(draft.tags(), "tags", problems);
        List<String> products = labels(draft.products(), "products", problems);
        UUID category = null;
        if (draft.categoryId() != null && !draft.categoryId().isBlank()) {
            if (!categoryTree().containsKey(draft.categoryId().strip())) {
                problems.add(new FieldProblem("categoryId", "no such category"));
            } else {
                category = UUID.fromString(draft.categoryId().strip());
            }
        }
        UUID owner = current == null ? null : current.ownerId();
        if (draft.owner() != null && !draft.owner().isBlank()) {
            var user = users.findByIdOrUsername(draft.owner().strip());
            if (user.isEmpty() || !user.get().active()) {
                problems.add(new FieldProblem("owner", "no such active user"));
            } else {
                owner = user.get().id().value();
            }
        }
        String externalId = draft.externalId() == null || draft.externalId().isBlank()
                ? (current == null ? null : current.externalId())
                : draft.externalId().strip();
        if (externalId != null && externalId.length() > MAX_EXTERNAL_ID) {
            problems.add(new FieldProblem("externalId", "must be at most " + MAX_EXTERNAL_ID + " characters"));
        }
        // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database
        if (title.indexOf('\0') >= 0) {
            problems.add(new FieldProblem("title", "must not contain NUL characters"));
        }
        if (summary.indexOf('\0') >= 0) {
            problems.add(new FieldProblem("summary", "must not contain NUL characters"));
        }
        if (externalId != null && externalId.indexOf('\0') >= 0) {
            problems.add(new FieldProblem("externalId", "must not contain NUL characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Content(
                title,
                body,
                summary,
                draft.language(),
                draft.audience(),
                category,
                tags,
                products,
                draft.reviewBy(),
                owner,
                externalId);
    }

    private static List<String> labels(@Nullable Collection<String> values, String field, List<FieldProblem> problems) {
        if (values == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (String value : values) {
            String clean = value == null ? "" : value.strip();
            if (clean.isEmpty() || clean.length() > MAX_LABEL || clean.indexOf('\0') >= 0) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be 1 to " + MAX_LABEL + " characters"));
            } else {
                seen.add(clean);
            }
            i++;
        }
        if (seen.size() > MAX_LABELS) {
            problems.add(new FieldProblem(field, "at most " + MAX_LABELS + " values"));
        }
        return List.copyOf(seen);
    }

    private void insert(
            ArticleId id,
            ArticleId family,
            @Nullable ArticleId translationOf,
            @Nullable Integer sourceRevision,
            Content content,
            ArticleStatus status,
            @Nullable UUID owner,
            Instant now) {
        String slug = Slugs.of(content.title());
        jdbc.sql("""
                        insert into knowledge_article (id, family_id, translation_of, external_id, language, title, slug,
                            summary, body, body_html, category_id, tags, products, audience, status, owner_id, review_by,
                            revision, source_revision, created_at, updated_at, published_at, version)
                        values (:id, :family, :translationOf, :externalId, :language, :title, :slug, :summary, :body,
                            :html, :category, cast(:tags as text[]), cast(:products as text[]), :audience, :status,
                            :owner, :reviewBy, 1, :sourceRevision, :now, :now, :publishedAt, 0)""")
                .params(contentParams(content, slug, status))
                .param("id", id.value())
                .param("family", family.value())
                .param("translationOf", translationOf == null ? null : translationOf.value())
                .param("owner", owner)
                .param("sourceRevision", sourceRevision)
                .param("now", Sql.ts(now))
                .param("publishedAt", status == ArticleStatus.PUBLISHED ? Sql.ts(now) : null)
                .update();
        rememberSlug(id, slug, now);
    }

    /** The columns an article's content fills, the same for its first insert and every later revision. */
    private static Map<String, @Nullable Object> contentParams(Content content, String slug, ArticleStatus status) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("externalId", content.externalId());
        params.put("language", content.language().code());
        params.put("title", content.title());
        params.put("slug", slug);
        params.put("summary", content.summary());
        params.put("body", content.body());
        params.put("html", MarkdownText.html(content.body()));
        params.put("category", content.categoryId());
        params.put("tags", Sql.array(content.tags()));
        params.put("products", Sql.array(content.products()));
        params.put("audience", content.audience().wire());
        params.put("status", status.wire());
        params.put("reviewBy", content.reviewBy());
        return params;
    }

    /** Writes new content as the next revision; publishes when the article is (or becomes) published. */
    private ArticleRow write(
            ArticleRow row, Content content, ArticleStatus status, @Nullable Actor actor, String note) {
        Instant now = clock.instant();
        String slug = Slugs.of(content.title());
        int next = row.revision() + 1;
        Integer sourceRevision = row.sourceRevision();
        if (row.translationOf() != null) {
            // the translator has seen the source as it is now
            sourceRevision = jdbc.sql("select revision from knowledge_article where id = ?")
                    .param(row.translationOf().value())
                    .query(Integer.class)
                    .single();
        }
        jdbc.sql("""
                        update knowledge_article set external_id = :externalId, language = :language, title = :title,
                            slug = :slug, summary = :summary, body = :body, body_html = :html, category_id = :category,
                            tags = cast(:tags as text[]), products = cast(:products as text[]), audience = :audience,
                            status = :status, owner_id = :owner, review_by = :reviewBy, revision = :revision,
                            source_revision = :sourceRevision, updated_at = :now,
                            published_at = case when :published then :now else published_at end,
                            version = version + 1
                        where id = :id""")
                .params(contentParams(content, slug, status))
                .param("id", row.id().value())
                .param("owner", content.owner())
                .param("revision", next)
                .param("sourceRevision", sourceRevision)
                .param("now", Sql.ts(now))
                .param("published", status == ArticleStatus.PUBLISHED)
                .update();
        if (!slug.equals(row.slug())) {
            rememberSlug(row.id(), slug, now);
        }
        revision(row.id(), next, content, actor == null ? null : actor.id().value(), note, now);
        if (status == ArticleStatus.PUBLISHED) {
            events.publishEvent(new ArticlePublished(row.id(), content.language(), content.audience(), now));
        }
        audit.record(
                actor,
                "knowledge.article.updated",
                "knowledge_article",
                row.id().toString(),
                Map.of("revision", next, "note", note));
        return row(row.id(), false).orElseThrow();
    }

    private void revision(ArticleId id, int number, Content content, @Nullable UUID author, String note, Instant now) {
        jdbc.sql("""
                        insert into knowledge_article_revision (article_id, number, title, summary, body, tags, products,
                            audience, category_id, author_id, note, created_at)
                        values (?, ?, ?, ?, ?, cast(? as text[]), cast(? as text[]), ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        number,
                        content.title(),
                        content.summary(),
                        content.body(),
                        Sql.array(content.tags()),
                        Sql.array(content.products()),
                        content.audience().wire(),
                        content.categoryId(),
                        author,
                        note,
                        Sql.ts(now))
                .update();
    }

    private void rememberSlug(ArticleId id, String slug, Instant now) {
        jdbc.sql("""
                        insert into knowledge_article_slug (article_id, slug, created_at) values (?, ?, ?)
                        on conflict (article_id, slug) do update set created_at = excluded.created_at""").params(id.value(), slug, Sql.ts(now)).update();
    }

    private boolean familyHasLanguage(ArticleId family, Language language, @Nullable ArticleId except) {
        return jdbc.sql("""
                                select count(*) from knowledge_article
                                where family_id = ? and language = ? and (cast(? as uuid) is null or id <> ?)""")
                        .params(
                                family.value(),
                                language.code(),
                                except == null ? null : except.value(),
                                except == null ? null : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean externalIdTaken(String externalId, @Nullable ArticleId except) {
        return jdbc.sql("""
                                select count(*) from knowledge_article
                                where external_id = ? and (cast(? as uuid) is null or id <> ?)""")
                        .params(
                                externalId,
                                except == null ? null : except.value(),
                                except == null ? null : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * A unique index refused a write that a concurrent request made possible after our checks: the same
     * answer as the check would have given.
     */
    private static InvalidInputException duplicate(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("knowledge_article_external_id")) {
            return new InvalidInputException("externalId", "another article has this external id");
        }
        return new InvalidInputException("language", "the article's family already has a member in this language");
    }

    static String titleFromBody(String body) {
        for (String line : body.lines().toList()) {
            String clean = line.replaceFirst("^\\s*#{1,6}\\s*", "").strip();
            if (!clean.isEmpty()) {
                return clean.length() > MAX_TITLE
                        ? clean.substring(0, MAX_TITLE).strip()
                        : clean;
            }
        }
        return "Untitled";
    }

    // ---------------------------------------------------------------- mapping

    Optional<ArticleRow> row(ArticleId id, boolean forUpdate) {
        return jdbc.sql("select " + ArticleRow.COLUMNS + ArticleRow.FROM + " where a.id = ?"
                        + (forUpdate ? " for update of a" : ""))
                .param(id.value())
                .query(ArticleRow::map)
                .optional();
    }

    private ArticleView view(ArticleRow row) {
        Map<UserId, UserSummary> owners =
                row.ownerId() == null ? Map.of() : users.findAll(List.of(new UserId(row.ownerId())));
        return view(row, categoryTree(), owners);
    }

    private static ArticleView view(ArticleRow row, Map<String, Category> categories, Map<UserId, UserSummary> owners) {
        return new ArticleView(
                row.id(),
                row.family(),
                row.translationOf(),
                row.externalId(),
                row.language(),
                row.title(),
                row.slug(),
                row.summary(),
                row.body(),
                row.bodyHtml(),
                categoryRef(row.categoryId(), categories),
                row.tags(),
                row.products(),
                row.audience(),
                row.status(),
                person(row.ownerId(), owners),
                row.reviewBy(),
                row.stale(),
                row.revision(),
                row.createdAt(),
                row.updatedAt(),
                row.publishedAt(),
                row.path(),
                row.version());
    }

    private List<ArticleSummary> summaries(List<ArticleRow> rows) {
        Map<String, Category> categories = categoryTree();
        Set<UserId> ownerIds = new HashSet<>();
        rows.stream().map(ArticleRow::ownerId).filter(Objects::nonNull).forEach(id -> ownerIds.add(new UserId(id)));
        Map<UserId, UserSummary> owners = ownerIds.isEmpty() ? Map.of() : users.findAll(ownerIds);
        return rows.stream()
                .map(row -> view(row, categories, owners).summaryView())
                .toList();
    }

    private static @Nullable CategoryRef categoryRef(@Nullable UUID id, Map<String, Category> categories) {
        if (id == null) {
            return null;
        }
        Category category = categories.get(id.toString());
        return category == null ? null : new CategoryRef(category.id(), category.name(), category.path());
    }

    private static @Nullable Person person(@Nullable UUID id, Map<UserId, UserSummary> users) {
        if (id == null) {
            return null;
        }
        UserSummary user = users.get(new UserId(id));
        return new Person(new UserId(id), user == null ? "?" : user.displayName());
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
