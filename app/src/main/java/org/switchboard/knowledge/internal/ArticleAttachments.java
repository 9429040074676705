package org.switchboard.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** Files attached to articles (images and documents the article links to). */
@Service
public class ArticleAttachments {

    /** An attachment's bytes, opened on demand. */
    public record Content(ArticleAttachment attachment, Opener opener) {
        public InputStream open() throws IOException {
            return opener.open();
        }
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final JdbcClient jdbc;
    private final AttachmentFiles files;
    private final ArticleService articles;
    private final KnowledgeProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    ArticleAttachments(
            JdbcClient jdbc,
            AttachmentFiles files,
            ArticleService articles,
            KnowledgeProperties properties,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.articles = articles;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Attaches a file to an article. Attaching to a published article needs the editor permission (it
     * changes what readers see).
     */
    @Transactional
    public ArticleAttachment attach(ArticleId article, String filename, InputStream content, Actor actor) {
        ArticleRow row = articles.row(article, true).orElseThrow(() -> new NotFoundException("article", article));
        if (row.status() == ArticleStatus.PUBLISHED || row.status() == ArticleStatus.ARCHIVED) {
            articles.requireEditor(actor);
        }
        String name = cleanName(filename);
        var stored = files.store(content, name, properties.maxAttachmentBytes());
        if (stored.size() == 0) {
            throw new InvalidInputException("file", "is empty");
        }
        UUID id = Ids.newId(clock);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into knowledge_attachment (id, article_id, filename, content_type, size, sha256, created_by,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        article.value(),
                        name,
                        stored.contentType(),
                        stored.size(),
                        stored.sha256(),
                        actor.id().value(),
                        Sql.ts(now))
                .update();
        audit.record(
                actor,
                "knowledge.attachment.added",
                "knowledge_article",
                article.toString(),
                Map.of("attachment", id.toString()));
        return new ArticleAttachment(
                id.toString(),
                article.toString(),
                name,
                stored.contentType(),
                stored.size(),
                now,
                "/help/attachments/" + id);
    }

    @Transactional(readOnly = true)
    public List<ArticleAttachment> of(ArticleId article) {
        return jdbc.sql("""
                        select id, article_id, filename, content_type, size, created_at from knowledge_attachment
                        where article_id = ? order by created_at, id""")
                .param(article.value())
                .query((rs, n) -> new ArticleAttachment(
                        rs.getObject("id", UUID.class).toString(),
                        rs.getObject("article_id", UUID.class).toString(),
                        rs.getString("filename"),
                        rs.getString("content_type"),
                        rs.getLong("size"),
                        ArticleRow.instant(rs, "created_at"),
                        "/help/attachments/" + rs.getObject("id", UUID.class)))
                .list();
    }

    /** The file if {@code reader} may read its article ({@code null}: anonymous). */
    @Transactional(readOnly = true)
    public Content get(String id, @Nullable Actor reader) {
        UUID uuid = Ids.parse(id, "attachment");
        record Found(ArticleAttachment attachment, String sha256) {}
        Found found = jdbc.sql("""
                        select id, article_id, filename, content_type, size, sha256, created_at from knowledge_attachment
                        where id = ?""")
                .param(uuid)
                .query((rs, n) -> new Found(
                        new ArticleAttachment(
                                rs.getObject("id", UUID.class).toString(),
                                rs.getObject("article_id", UUID.class).toString(),
                                rs.getString("filename"),
                                rs.getString("content_type"),
                                rs.getLong("size"),
                                ArticleRow.instant(rs, "created_at"),
                                "/help/attachments/" + rs.getObject("id", UUID.class)),
                        rs.getString("sha256")))
                .optional()
                .orElseThrow(() -> new NotFoundException("attachment", id));
        ArticleId article = ArticleId.parse(found.attachment().articleId());
        articles.findVisible(article, reader).orElseThrow(() -> new NotFoundException("attachment", id));
        return new Content(found.attachment(), () -> files.open(found.sha256()));
    }

    @Transactional
    public void remove(String id, Actor actor) {
        UUID uuid = Ids.parse(id, "attachment");
        UUID article = jdbc.sql("select article_id from knowledge_attachment where id = ?")
                .param(uuid)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("attachment", id));
        ArticleRow row = articles.row(new ArticleId(article), true).orElseThrow();
        if (row.status() != ArticleStatus.DRAFT && row.status() != ArticleStatus.IN_REVIEW) {
            articles.requireEditor(actor);
        }
        jdbc.sql("delete from knowledge_attachment where id = ?").param(uuid).update();
        audit.record(
                actor,
                "knowledge.attachment.removed",
                "knowledge_article",
                article.toString(),
                Map.of("attachment", id));
    }

    static String cleanName(@Nullable String filename) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}\"]", "")
                .strip();
        if (name.isEmpty()) {
            return "file";
        }
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        // no hidden files: a name starting with a dot is served under the rest of its name
        name = name.replaceFirst("^\\.+", "");
        return name.isEmpty() ? "file" : name;
    }
}
