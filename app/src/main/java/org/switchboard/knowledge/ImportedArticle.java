package org.switchboard.knowledge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An article arriving from another system (one line of the bulk import). Required: {@code externalId},
 * {@code title} or {@code body}, {@code language}; a missing title is taken from the body's first line,
 * a missing body is the title. A missing audience is {@code agents} (internal until someone decides).
 */
public record ImportedArticle(
        String externalId,
        @Nullable String title,
        @Nullable String body,
        Language language,
        @Nullable Audience audience,
        List<String> tags) {}
