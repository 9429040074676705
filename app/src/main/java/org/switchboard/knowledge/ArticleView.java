package org.switchboard.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One article with its current content.
 *
 * @param family the id of the family's source article (its own id for a source); translations share it
 * @param translationOf the source article this one translates, {@code null} for a source
 * @param stale a translation whose source has changed since the translation was last brought up to date
 * @param body the Markdown source
 * @param bodyHtml the body rendered to HTML and sanitized, safe to show in a browser
 * @param revision the number of the current revision (1 for a new article; see the version history)
 * @param path the stable public address, {@code /help/articles/{id}-{slug}}
 * @param version the optimistic-locking version, sent as the {@code ETag} and expected in {@code If-Match}
 */
public record ArticleView(
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
        @Nullable CategoryRef category,
        List<String> tags,
        List<String> products,
        Audience audience,
        ArticleStatus status,
        @Nullable Person owner,
        @Nullable LocalDate reviewBy,
        boolean stale,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant publishedAt,
        String path,
        long version) {

    public ArticleSummary summaryView() {
        return new ArticleSummary(
                id,
                family,
                translationOf,
                externalId,
                language,
                title,
                slug,
                summary,
                category,
                tags,
                audience,
                status,
                owner,
                reviewBy,
                stale,
                updatedAt,
                path,
                version);
    }
}
