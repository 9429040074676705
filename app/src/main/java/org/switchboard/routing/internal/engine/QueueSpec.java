package org.switchboard.routing.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A queue as the engine routes it.
 *
 * @param id the queue's id (the routing service uses the queue UUID's string form)
 * @param channel the channel of the queue's items unless an item says otherwise
 * @param basePriority priority points every item of the queue starts with
 * @param agingPerSecond priority points an item gains per second of waiting (0 = none)
 * @param policy how an agent is chosen when several could take an item
 * @param requiredSkills what an agent needs for every item of the queue (items may add more)
 * @param teams agents of these teams may take the queue's items; empty = any team
 * @param overflow steps that widen who may take an item the longer it waits, ordered by time
 * @param stickySeconds how long an item with a preferred agent is held for that agent (0 = not at all)
 * @param maxWaiting the most items that may wait; {@code Integer.MAX_VALUE} for no limit
 * @param whenFull what happens to an item arriving at a full queue
 * @param overflowQueue where {@link FullQueueAction#OVERFLOW} sends it
 * @param offerTimeoutSeconds how long an agent has to accept an offer
 * @param autoAssign assign directly instead of offering (e.g. email)
 * @param wrapUpSeconds the longest after-contact work after a completion with wrap-up (0 = none)
 * @param expectedHandleSeconds the handle time assumed by the estimated wait until completions are seen
 */
public record QueueSpec(
        String id,
        Channel channel,
        int basePriority,
        double agingPerSecond,
        Policy policy,
        List<SkillRequirement> requiredSkills,
        Set<String> teams,
        List<OverflowStep> overflow,
        long stickySeconds,
        int maxWaiting,
        FullQueueAction whenFull,
        @Nullable String overflowQueue,
        long offerTimeoutSeconds,
        boolean autoAssign,
        long wrapUpSeconds,
        double expectedHandleSeconds) {

    public QueueSpec {
        if (agingPerSecond < 0 || !Double.isFinite(agingPerSecond)) {
            throw new IllegalArgumentException("agingPerSecond must be finite and not negative");
        }
        if (maxWaiting < 0 || stickySeconds < 0 || offerTimeoutSeconds <= 0 || wrapUpSeconds < 0) {
            throw new IllegalArgumentException("queue limits must be positive");
        }
        if (whenFull == FullQueueAction.OVERFLOW && (overflowQueue == null || overflowQueue.equals(id))) {
            throw new IllegalArgumentException("overflow needs another queue");
        }
        if (!(expectedHandleSeconds > 0)) {
            throw new IllegalArgumentException("expectedHandleSeconds must be positive");
        }
        requiredSkills = List.copyOf(requiredSkills);
        teams = Set.copyOf(teams);
        overflow = overflow.stream()
                .sorted(Comparator.comparingLong(OverflowStep::afterSeconds))
                .toList();
    }

    /** A queue with defaults: priority 0, no aging, longest idle, any team, no limit, 30 s offers. */
    public static QueueSpec of(String id, Channel channel) {
        return new Draft(id, channel).build();
    }

    public QueueSpec withBasePriority(int value) {
        return with(q -> q.basePriority = value);
    }

    public QueueSpec withAging(double perSecond) {
        return with(q -> q.agingPerSecond = perSecond);
    }

    public QueueSpec withPolicy(Policy value) {
        return with(q -> q.policy = value);
    }

    public QueueSpec withSkills(List<SkillRequirement> value) {
        return with(q -> q.requiredSkills = value);
    }

    public QueueSpec withTeams(Set<String> value) {
        return with(q -> q.teams = value);
    }

    public QueueSpec withOverflow(List<OverflowStep> value) {
        return with(q -> q.overflow = value);
    }

    public QueueSpec withSticky(long seconds) {
        return with(q -> q.stickySeconds = seconds);
    }

    /** At most {@code max} waiting; beyond it reject, or overflow to {@code toQueue} when given. */
    public QueueSpec withMaxWaiting(int max, @Nullable String toQueue) {
        return with(q -> {
            q.maxWaiting = max;
            q.whenFull = toQueue == null ? FullQueueAction.REJECT : FullQueueAction.OVERFLOW;
            q.overflowQueue = toQueue;
        });
    }

    public QueueSpec withOfferTimeout(long seconds) {
        return with(q -> q.offerTimeoutSeconds = seconds);
    }

    public QueueSpec withAutoAssign(boolean value) {
        return with(q -> q.autoAssign = value);
    }

    public QueueSpec withWrapUp(long seconds) {
        return with(q -> q.wrapUpSeconds = seconds);
    }

    public QueueSpec withExpectedHandleSeconds(double seconds) {
        return with(q -> q.expectedHandleSeconds = seconds);
    }

    /** A copy with some settings changed: every {@code with…} method names only what it changes. */
    private QueueSpec with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The settings of a queue while it is made or a copy changed (the defaults of {@link #of}); checked when built. */
    private static final class Draft {
        final String id;
        final Channel channel;
        int basePriority;
        double agingPerSecond;
        Policy policy = Policy.LONGEST_IDLE;
        List<SkillRequirement> requiredSkills = List.of();
        Set<String> teams = Set.of();
        List<OverflowStep> overflow = List.of();
        long stickySeconds;
        int maxWaiting = Integer.MAX_VALUE;
        FullQueueAction whenFull = FullQueueAction.REJECT;

        @Nullable
        String overflowQueue;

        long offerTimeoutSeconds = 30;
        boolean autoAssign;
        long wrapUpSeconds;
        double expectedHandleSeconds = 180;

        Draft(String id, Channel channel) {
            this.id = id;
            this.channel = channel;
        }

        Draft(QueueSpec spec) {
            id = spec.id;
            channel = spec.channel;
            basePriority = spec.basePriority;
            agingPerSecond = spec.agingPerSecond;
            policy = spec.policy;
            requiredSkills = spec.requiredSkills;
            teams = spec.teams;
            overflow = spec.overflow;
            stickySeconds = spec.stickySeconds;
            maxWaiting = spec.maxWaiting;
            whenFull = spec.whenFull;
            overflowQueue = spec.overflowQueue;
            offerTimeoutSeconds = spec.offerTimeoutSeconds;
            autoAssign = spec.autoAssign;
            wrapUpSeconds = spec.wrapUpSeconds;
            expectedHandleSeconds = spec.expectedHandleSeconds;
        }

        QueueSpec build() {
            return new QueueSpec(
                    id,
                    channel,
                    basePriority,
                    agingPerSecond,
                    policy,
                    requiredSkills,
                    teams,
                    overflow,
                    stickySeconds,
                    maxWaiting,
                    whenFull,
                    overflowQueue,
                    offerTimeoutSeconds,
                    autoAssign,
                    wrapUpSeconds,
                    expectedHandleSeconds);
        }
    }
}
