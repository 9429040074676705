package org.switchboard.routing.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue's editable fields as a client gave them, not yet validated ({@link QueueRules}).
 *
 * @param team a team id as text
 * @param basePriority null means 0
 * @param active null means true
 */
public record QueueDraft(
        @Nullable String name,
        @Nullable String team,
        List<Skill> requiredSkills,
        @Nullable String language,
        @Nullable Integer basePriority,
        @Nullable Boolean active) {

    public record Skill(@Nullable String skill, @Nullable Integer minProficiency) {}
}
