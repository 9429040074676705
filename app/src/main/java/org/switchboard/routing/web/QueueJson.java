package org.switchboard.routing.web;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.routing.internal.Queue;

/** A queue as the API shows it. */
record QueueJson(
        String id,
        String name,
        String team,
        List<SkillJson> requiredSkills,
        @Nullable String language,
        int basePriority,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    record SkillJson(String skill, int minProficiency) {}

    static QueueJson of(Queue queue) {
        return new QueueJson(
                queue.id().toString(),
                queue.name(),
                queue.team().toString(),
                queue.requiredSkills().stream()
                        .map(s -> new SkillJson(s.skill(), s.minProficiency()))
                        .toList(),
                queue.language(),
                queue.basePriority(),
                queue.active(),
                queue.createdAt(),
                queue.updatedAt(),
                queue.version());
    }
}
