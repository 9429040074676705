package org.switchboard.routing.internal;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.identity.TeamId;

/**
 * A queue: where cases are filed and, later, where their work waits for an agent.
 *
 * @param requiredSkills what an agent needs to take this queue's work, in the order given
 * @param language an ISO 639-1 code the queue's work is in, or null for any
 * @param basePriority 0 to 100, the starting priority of the queue's work
 */
public record Queue(
        QueueId id,
        String name,
        TeamId team,
        List<RequiredSkill> requiredSkills,
        @Nullable String language,
        int basePriority,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** @param minProficiency 1 to 5 */
    public record RequiredSkill(String skill, int minProficiency) {}

    public QueueRef ref() {
        return new QueueRef(id, name, team, basePriority);
    }

    /** The editable fields of this queue, to be changed and validated again. */
    public QueueDraft draft() {
        return new QueueDraft(
                name,
                team.toString(),
                requiredSkills.stream()
                        .map(s -> new QueueDraft.Skill(s.skill(), s.minProficiency()))
                        .toList(),
                language,
                basePriority,
                active);
    }
}
