package org.switchboard.knowledge.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The searchable content of one published article, as the index receives it.
 *
 * @param audience {@code agents}, {@code customers} or {@code partners}
 */
public record IndexedArticle(
        String articleId,
        @Nullable String externalId,
        String language,
        String audience,
        String title,
        String body,
        List<String> tags,
        List<String> categories,
        List<String> products) {

    public IndexedArticle {
        tags = List.copyOf(tags);
        categories = List.copyOf(categories);
        products = List.copyOf(products);
    }
}
