package org.switchboard.routing.internal.dispatch;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.QueueId;
import org.switchboard.routing.internal.engine.Policy;

/**
 * A queue's routing policy, as the live service hands it to the routing engine.
 *
 * @param policy which ready agent gets an item when several could take it
 * @param agingPerSecond effective priority points an item gains per second of waiting
 * @param stickySeconds how long a returning customer's last agent is offered the item first (0: never)
 * @param maxWaiting the most items that may wait in the queue, null for no limit
 * @param overflowQueue where an item arriving at a full queue goes; null: it is rejected
 * @param overflowSteps how the set of agents widens the longer an item waits, ordered by time
 */
public record QueuePolicy(
        Policy policy,
        double agingPerSecond,
        int stickySeconds,
        @Nullable Integer maxWaiting,
        @Nullable QueueId overflowQueue,
        List<Step> overflowSteps) {

    public static final QueuePolicy DEFAULT = new QueuePolicy(Policy.LONGEST_IDLE, 0, 0, null, null, List.of());

    public QueuePolicy {
        overflowSteps = List.copyOf(overflowSteps);
    }

    /**
     * After {@code afterSeconds} of waiting: lower every minimum proficiency by {@code relaxProficiencyBy}
     * (never below 1), admit the agents of {@code addTeams} and those eligible for {@code addQueues}.
     */
    public record Step(long afterSeconds, int relaxProficiencyBy, Set<String> addTeams, Set<String> addQueues) {
        public Step {
            addTeams = Set.copyOf(addTeams);
            addQueues = Set.copyOf(addQueues);
        }
    }
}
