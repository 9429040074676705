package org.switchboard.routing.internal.engine;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory routing engine: one universal queue of work items for every channel, matched to agents by
 * skills, language, team, priority, capacity and the queue's policy.
 *
 * <p>Threading: every public method takes one lock, so calls from any number of threads are serialized and
 * each sees and leaves a consistent state. Methods return the {@link RoutingEvent}s they caused; callers
 * persist and push them after the call. Nothing is called back while the lock is held.
 *
 * <p>Time: read from the {@link InstantSource} given at construction. Offer timeouts, wrap-up limits,
 * overflow steps and sticky windows fall due in {@link #advance()}, which the routing service calls from a
 * timer (at {@link #nextDeadline()}) and the simulator calls when its virtual clock reaches the deadline.
 *
 * <p>Errors: an unknown item, agent or queue id is a {@code NotFoundException}; a call that does not fit
 * the item's or agent's state (accepting an offer that is not yours) is a {@code ConflictException}.
 */
public final class RoutingEngine {

    private final InstantSource clock;

    public RoutingEngine(InstantSource clock) {
        this.clock = clock;
    }

    /** Adds a queue or replaces its settings (waiting items stay, in order). */
    public List<RoutingEvent> defineQueue(QueueSpec queue) {
        throw new UnsupportedOperationException();
    }

    /** Adds an agent (offline) or replaces its skills, languages, teams and capacities. */
    public List<RoutingEvent> defineAgent(AgentSpec agent) {
        throw new UnsupportedOperationException();
    }

    /**
     * Sets an agent's presence: {@code AVAILABLE}, {@code AWAY} (with a reason) or {@code OFFLINE}
     * ({@code BUSY} and {@code WRAP_UP} are the engine's). Going available ends wrap-up and may produce
     * offers; going away or offline withdraws open offers (their items wait again in their original place);
     * assigned work stays with the agent.
     */
    public List<RoutingEvent> setPresence(String agent, Presence presence, @Nullable String reason) {
        throw new UnsupportedOperationException();
    }

    /**
     * Puts an item in its queue and routes it: {@code OfferMade} or {@code ItemAssigned} (auto-assign
     * queues) when an agent can take it now, else {@code ItemQueued}; {@code ItemRejected} or
     * {@code ItemOverflowed} when the queue is full.
     */
    public List<RoutingEvent> enqueue(WorkItemSpec item) {
        throw new UnsupportedOperationException();
    }

    /**
     * Restores waiting items after a restart, in the given order (the stored queue order); items with an
     * id already held are skipped. Items are placed first and routed afterwards, so the order is exactly
     * as given whatever agents are available.
     */
    public List<RoutingEvent> restore(List<WorkItemSpec> waitingInOrder) {
        throw new UnsupportedOperationException();
    }

    /** Removes a waiting, offered or assigned item (the customer hung up, the case was closed elsewhere). */
    public List<RoutingEvent> cancel(String item) {
        throw new UnsupportedOperationException();
    }

    /** The agent accepts its offer: the item becomes the agent's work. */
    public List<RoutingEvent> accept(String item, String agent) {
        throw new UnsupportedOperationException();
    }

    /** The agent declines: the item goes back to its original place, the agent turns away ("missed offer"). */
    public List<RoutingEvent> decline(String item, String agent) {
        throw new UnsupportedOperationException();
    }

    /**
     * The agent finished the item: its capacity is free. With {@code wrapUp} and a queue wrap-up limit the
     * agent enters {@code WRAP_UP} until the limit or {@link #setPresence} to available.
     */
    public List<RoutingEvent> complete(String item, boolean wrapUp) {
        throw new UnsupportedOperationException();
    }

    /**
     * Hands an item to another agent: it leaves its current agent (or its waiting place) and waits for
     * {@code agent} only, who gets the first offer as soon as it has capacity.
     */
    public List<RoutingEvent> transferToAgent(String item, String agent) {
        throw new UnsupportedOperationException();
    }

    /** Moves an item to another queue (a transfer or a supervisor's move); it waits there from now. */
    public List<RoutingEvent> transferToQueue(String item, String queue) {
        throw new UnsupportedOperationException();
    }

    /** An offered or assigned item goes back to waiting in its original place. */
    public List<RoutingEvent> requeue(String item) {
        throw new UnsupportedOperationException();
    }

    /** A supervisor assigns a waiting or offered item to an agent, regardless of presence and capacity. */
    public List<RoutingEvent> forceAssign(String item, String agent) {
        throw new UnsupportedOperationException();
    }

    /** Processes every deadline that has passed: offer timeouts, wrap-up ends, overflow steps, sticky windows. */
    public List<RoutingEvent> advance() {
        throw new UnsupportedOperationException();
    }

    /** The earliest pending deadline, for a timer; empty when nothing is pending. */
    public Optional<Instant> nextDeadline() {
        throw new UnsupportedOperationException();
    }

    /** A waiting item's position and estimated wait; empty when the item is not waiting. */
    public Optional<QueuePosition> position(String item) {
        throw new UnsupportedOperationException();
    }

    /** The item's state, or empty when the engine does not hold it (never seen, completed or cancelled). */
    public Optional<ItemState> state(String item) {
        throw new UnsupportedOperationException();
    }

    /** Every item of a queue (waiting in routing order first, then offered and assigned). */
    public List<WaitingItem> items(String queue) {
        throw new UnsupportedOperationException();
    }

    /** Live figures of every queue. */
    public List<QueueStats> queueStats() {
        throw new UnsupportedOperationException();
    }

    public AgentView agent(String agent) {
        throw new UnsupportedOperationException();
    }

    public List<AgentView> agents() {
        throw new UnsupportedOperationException();
    }

    /** Every waiting item of every queue in routing order, as {@link #restore} takes them back. */
    public List<WorkItemSpec> waitingInOrder() {
        throw new UnsupportedOperationException();
    }

    public InstantSource clock() {
        return clock;
    }
}
