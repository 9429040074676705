package org.switchboard.knowledge.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Person;

/** One saved revision of an article's content (status changes are not revisions). */
public record Revision(
        int number,
        String title,
        String summary,
        String body,
        List<String> tags,
        List<String> products,
        Audience audience,
        @Nullable String categoryId,
        @Nullable Person author,
        @Nullable String note,
        Instant createdAt) {}
