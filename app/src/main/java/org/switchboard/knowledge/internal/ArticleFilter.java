package org.switchboard.knowledge.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.UserId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;

/**
 * Filters of the article list; every one optional. Sorted by last change, newest first (keyset-paged);
 * {@code dueForReview} lists the articles whose review-by date has come, soonest first.
 *
 * @param q words of the title (case-insensitive substring)
 * @param categoryId a category and everything below it
 */
public record ArticleFilter(
        @Nullable Set<ArticleStatus> statuses,
        @Nullable Language language,
        @Nullable Audience audience,
        @Nullable String categoryId,
        @Nullable String tag,
        @Nullable String product,
        @Nullable String q,
        @Nullable UserId owner,
        boolean dueForReview,
        boolean staleOnly,
        @Nullable String cursor,
        int limit) {

    public static ArticleFilter all(int limit) {
        return new ArticleFilter(null, null, null, null, null, null, null, null, false, false, null, limit);
    }
}
