package org.switchboard.knowledge;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an author writes: the content of a new article or of a new revision.
 *
 * @param body Markdown
 * @param categoryId a category of the tree, or null
 * @param owner the owning user's id or username; null keeps the current owner (the author for a new article)
 * @param translationOf for a new translation: the source article (its language must differ); ignored on update
 * @param externalId an id in another system (unique), or null
 */
public record ArticleDraft(
        String title,
        String body,
        @Nullable String summary,
        Language language,
        Audience audience,
        @Nullable String categoryId,
        List<String> tags,
        List<String> products,
        @Nullable LocalDate reviewBy,
        @Nullable String owner,
        @Nullable ArticleId translationOf,
        @Nullable String externalId) {}
