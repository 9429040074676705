package org.switchboard.knowledge.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;

/** One row of {@code knowledge_article}, with its staleness computed against the family's source. */
record ArticleRow(
        ArticleId id,
        ArticleId family,
        @Nullable ArticleId translationOf,
        @Nullable String externalId,
        Language language,
        String title,
        String slug,
        String summary,
        String body,
        String bodyHtml,
        @Nullable UUID categoryId,
        List<String> tags,
        List<String> products,
        Audience audience,
        ArticleStatus status,
        @Nullable UUID ownerId,
        @Nullable LocalDate reviewBy,
        int revision,
        @Nullable Integer sourceRevision,
        boolean stale,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant publishedAt,
        long version) {

    /** Selects every column of {@code a}; staleness needs the source joined as {@code s}. */
    static final String COLUMNS = """
            a.id, a.family_id, a.translation_of, a.external_id, a.language, a.title, a.slug, a.summary, a.body,
            a.body_html, a.category_id, a.tags, a.products, a.audience, a.status, a.owner_id, a.review_by,
            a.revision, a.source_revision, a.created_at, a.updated_at, a.published_at, a.version,
            (a.translation_of is not null and s.revision > coalesce(a.source_revision, 0)) as stale""";

    static final String FROM = " from knowledge_article a left join knowledge_article s on s.id = a.translation_of ";

    static ArticleRow map(ResultSet rs, int n) throws SQLException {
        UUID translationOf = rs.getObject("translation_of", UUID.class);
        java.sql.Date reviewBy = rs.getDate("review_by");
        int sourceRevision = rs.getInt("source_revision");
        boolean sourceRevisionNull = rs.wasNull();
        return new ArticleRow(
                new ArticleId(rs.getObject("id", UUID.class)),
                new ArticleId(rs.getObject("family_id", UUID.class)),
                translationOf == null ? null : new ArticleId(translationOf),
                rs.getString("external_id"),
                new Language(rs.getString("language")),
                rs.getString("title"),
                rs.getString("slug"),
                rs.getString("summary"),
                rs.getString("body"),
                rs.getString("body_html"),
                rs.getObject("category_id", UUID.class),
                strings(rs.getArray("tags")),
                strings(rs.getArray("products")),
                Audience.of(rs.getString("audience")),
                ArticleStatus.of(rs.getString("status")),
                rs.getObject("owner_id", UUID.class),
                reviewBy == null ? null : reviewBy.toLocalDate(),
                rs.getInt("revision"),
                sourceRevisionNull ? null : sourceRevision,
                rs.getBoolean("stale"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "published_at"),
                rs.getLong("version"));
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    String path() {
        return "/help/articles/" + id + "-" + slug;
    }
}
