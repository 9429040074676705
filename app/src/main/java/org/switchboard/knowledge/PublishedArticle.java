package org.switchboard.knowledge;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A published article as the search index reads it.
 *
 * @param family the family's source article id (translations share it)
 * @param text the body as plain text (Markdown markup removed)
 * @param category the category path ({@code Billing / Invoices}), or null
 * @param passages the body split for retrieval (see {@link Passage})
 */
public record PublishedArticle(
        ArticleId id,
        ArticleId family,
        @Nullable String externalId,
        Language language,
        String title,
        String summary,
        String text,
        List<String> tags,
        List<String> products,
        @Nullable String categoryId,
        @Nullable String category,
        Audience audience,
        Instant publishedAt,
        Instant updatedAt,
        List<Passage> passages) {}
