package org.switchboard.knowledge.search;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The searchable content of published articles in the database, from which the index is derived (and
 * rebuilt). Every change takes the next {@code seq}, so the index can catch up from the last one it
 * committed.
 */
@Repository
public class SearchProjection {

    private final JdbcClient jdbc;

    SearchProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row: the article and whether it is published (not archived). */
    public record Row(IndexedArticle article, boolean published, long seq) {}

    public Optional<Row> find(String articleId) {
        return jdbc.sql("select * from knowledge_search_article where article_id = ?")
                .param(articleId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Inserts or replaces the article's content (one statement: never half-written); its new seq. */
    public long publish(IndexedArticle a) {
        return jdbc.sql("""
                        insert into knowledge_search_article (article_id, external_id, language, audience, title, body,
                            tags, categories, products, passages, published, seq, updated_at)
                        values (:id, :ext, :lang, :aud, :title, :body, :tags, :cats, :prods, :passages, true,
                            nextval('knowledge_search_seq'), :now)
                        on conflict (article_id) do update set external_id = excluded.external_id,
                            language = excluded.language, audience = excluded.audience, title = excluded.title,
                            body = excluded.body, tags = excluded.tags, categories = excluded.categories,
                            products = excluded.products, passages = excluded.passages, published = true, seq = excluded.seq,
                            updated_at = excluded.updated_at
                        returning seq""")
                .param("id", a.articleId())
                .param("ext", a.externalId())
                .param("lang", a.language())
                .param("aud", a.audience())
                .param("title", a.title())
                .param("body", a.body())
                .param("tags", a.tags().toArray(String[]::new))
                .param("cats", a.categories().toArray(String[]::new))
                .param("prods", a.products().toArray(String[]::new))
                .param("passages", a.passages().toArray(String[]::new))
                .param("now", Timestamp.from(Instant.now()))
                .query(Long.class)
                .single();
    }

    /** Marks the article archived; its seq, or empty when it was never published. */
    public Optional<Long> archive(String articleId) {
        return jdbc.sql("""
                        update knowledge_search_article set published = false, seq = nextval('knowledge_search_seq'),
                            updated_at = ? where article_id = ? returning seq""")
                .params(Timestamp.from(Instant.now()), articleId)
                .query(Long.class)
                .optional();
    }

    /** Changes after {@code seq}, oldest first. */
    public List<Row> changedSince(long seq, int limit) {
        return jdbc.sql("select * from knowledge_search_article where seq > ? order by seq limit ?")
                .params(seq, limit)
                .query((rs, n) -> row(rs))
                .list();
    }

    public long publishedCount() {
        return jdbc.sql("select count(*) from knowledge_search_article where published")
                .query(Long.class)
                .single();
    }

    public long lastSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from knowledge_search_article")
                .query(Long.class)
                .single();
    }

    /** Every published article, in pages, for a rebuild. */
    public void forEachPublished(int page, Consumer<List<Row>> consumer) {
        long after = 0;
        while (true) {
            List<Row> rows = jdbc.sql(
                            "select * from knowledge_search_article where published and seq > ? order by seq limit ?")
                    .params(after, page)
                    .query((rs, n) -> row(rs))
                    .list();
            if (rows.isEmpty()) {
                return;
            }
            consumer.accept(rows);
            after = rows.getLast().seq();
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        var article = new IndexedArticle(
                rs.getString("article_id"),
                rs.getString("external_id"),
                rs.getString("language"),
                rs.getString("audience"),
                rs.getString("title"),
                rs.getString("body"),
                strings(rs.getArray("tags")),
                strings(rs.getArray("categories")),
                strings(rs.getArray("products")),
                strings(rs.getArray("passages")));
        return new Row(article, rs.getBoolean("published"), rs.getLong("seq"));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
