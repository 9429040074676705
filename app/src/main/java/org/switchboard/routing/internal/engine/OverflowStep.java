package org.switchboard.routing.internal.engine;

import java.util.Set;

/**
 * After an item has waited {@code afterSeconds} in its queue, widen who may take it: lower every minimum
 * proficiency by {@code relaxProficiencyBy} (never below 1), admit agents of {@code addTeams}, and admit
 * agents eligible for the queues {@code addQueues}. Steps apply cumulatively, in order of their time.
 */
public record OverflowStep(long afterSeconds, int relaxProficiencyBy, Set<String> addTeams, Set<String> addQueues) {
    public OverflowStep {
        if (afterSeconds < 0 || relaxProficiencyBy < 0) {
            throw new IllegalArgumentException("overflow step times and relaxations are not negative");
        }
        addTeams = Set.copyOf(addTeams);
        addQueues = Set.copyOf(addQueues);
    }

    public static OverflowStep relax(long afterSeconds, int by) {
        return new OverflowStep(afterSeconds, by, Set.of(), Set.of());
    }

    public static OverflowStep addTeam(long afterSeconds, String team) {
        return new OverflowStep(afterSeconds, 0, Set.of(team), Set.of());
    }

    public static OverflowStep addQueue(long afterSeconds, String queue) {
        return new OverflowStep(afterSeconds, 0, Set.of(), Set.of(queue));
    }
}
