package org.switchboard.routing.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
        return new QueueSpec(
                id,
                channel,
                0,
                0,
                Policy.LONGEST_IDLE,
                List.of(),
                Set.of(),
                List.of(),
                0,
                Integer.MAX_VALUE,
                FullQueueAction.REJECT,
                null,
                30,
                false,
                0,
                180);
    }

    public QueueSpec withBasePriority(int value) {
        return new QueueSpec(
                id,
                channel,
                value,
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

    public QueueSpec withAging(double perSecond) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                perSecond,
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

    public QueueSpec withPolicy(Policy value) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                agingPerSecond,
                value,
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

    public QueueSpec withSkills(List<SkillRequirement> value) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                agingPerSecond,
                policy,
                value,
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

    public QueueSpec withTeams(Set<String> value) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                agingPerSecond,
                policy,
                requiredSkills,
                value,
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

    public QueueSpec withOverflow(List<OverflowStep> value) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                agingPerSecond,
                policy,
                requiredSkills,
                teams,
                value,
                stickySeconds,
                maxWaiting,
                whenFull,
                overflowQueue,
                offerTimeoutSeconds,
                autoAssign,
                wrapUpSeconds,
                expectedHandleSeconds);
    }

    public QueueSpec withSticky(long seconds) {
        return new QueueSpec(
                id,
                channel,
                basePriority,
                agingPerSecond,
                policy,
                requiredSkills,
                teams,
                overflow,
                seconds,
                maxWaiting,
                whenFull,
                overflowQueue,
                offerTimeoutSeconds,
                autoAssign,
                wrapUpSeconds,
                expectedHandleSeconds);
    }

    /** At most {@code max} waiting; beyond it reject, or overflow to {@code toQueue} when given. */
    public QueueSpec withMaxWaiting(int max, @Nullable String toQueue) {
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
                max,
                toQueue == null ? FullQueueAction.REJECT : FullQueueAction.OVERFLOW,
                toQueue,
                offerTimeoutSeconds,
                autoAssign,
                wrapUpSeconds,
                expectedHandleSeconds);
    }

    public QueueSpec withOfferTimeout(long seconds) {
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
                seconds,
                autoAssign,
                wrapUpSeconds,
                expectedHandleSeconds);
    }

    public QueueSpec withAutoAssign(boolean value) {
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
                value,
                wrapUpSeconds,
                expectedHandleSeconds);
    }

    public QueueSpec withWrapUp(long seconds) {
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
                seconds,
                expectedHandleSeconds);
    }

    public QueueSpec withExpectedHandleSeconds(double seconds) {
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
                seconds);
    }
}
