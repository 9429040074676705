package org.switchboard.routing.internal.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an engine call changed, in order. Every mutating call returns its events so the caller can persist
 * and push them (offers to desktops, interaction events) after the call, outside the engine's lock.
 */
public sealed interface RoutingEvent {

    /** An item was reserved for an agent; push it to the agent's desktop. */
    record OfferMade(Offer offer) implements RoutingEvent {}

    /** The agent declined; the item is back in its original place and the agent turned away. */
    record OfferDeclined(Offer offer) implements RoutingEvent {}

    /** The offer timed out; the item is back in its original place and the agent turned away. */
    record OfferExpired(Offer offer) implements RoutingEvent {}

    /**
     * An offer ended without an answer for another reason: the item was cancelled, transferred or moved,
     * or the agent went offline or away (the item then waits again in its original place).
     */
    record OfferWithdrawn(Offer offer, String reason) implements RoutingEvent {}

    /** An item is now the agent's work: an accepted offer, an auto-assigned item or a forced assignment. */
    record ItemAssigned(String item, String agent, String queue, Channel channel, Instant at, boolean offered)
            implements RoutingEvent {}

    /** An item waits in a queue (a new item no agent could take, a requeue, a transfer to a queue). */
    record ItemQueued(String item, String queue, Instant enqueuedAt) implements RoutingEvent {}

    /** An arriving item found its queue full and was not queued. */
    record ItemRejected(String item, String queue, String reason) implements RoutingEvent {}

    /** An arriving item found its queue full and went to the queue's overflow queue. */
    record ItemOverflowed(String item, String fromQueue, String toQueue) implements RoutingEvent {}

    /** An item left an agent (completed, requeued or transferred); its capacity is free again. */
    record ItemReleased(String item, String agent, String reason) implements RoutingEvent {}

    /** An agent's presence changed, by the agent, a supervisor or the engine (reason e.g. "missed offer"). */
    record AgentStateChanged(
            String agent,
            Presence from,
            Presence to,
            @Nullable String reason,
            Instant at) implements RoutingEvent {}
}
