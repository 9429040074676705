package org.switchboard.knowledge.search;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The searchable content of one published article, as the index receives it.
 *
 * @param audience {@code agents}, {@code customers} or {@code partners}
 * @param passages the body already split into passages (ordinal order), or empty to split it here
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
        List<String> products,
        List<String> passages) {

    public IndexedArticle {
        passages = List.copyOf(passages);
        tags = List.copyOf(tags);
        categories = List.copyOf(categories);
        products = List.copyOf(products);
    }
}
