package org.switchboard.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An article as listed (no body). Fields as in {@link ArticleView}. */
public record ArticleSummary(
        ArticleId id,
        ArticleId family,
        @Nullable ArticleId translationOf,
        @Nullable String externalId,
        Language language,
        String title,
        String slug,
        String summary,
        @Nullable CategoryRef category,
        List<String> tags,
        Audience audience,
        ArticleStatus status,
        @Nullable Person owner,
        @Nullable LocalDate reviewBy,
        boolean stale,
        Instant updatedAt,
        String path,
        long version) {}
