package org.switchboard.routing.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

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
 *
 * <p>Indexes (see docs/routing-engine.md): waiting items sit in <em>lanes</em>, one per distinct (queue,
 * channel, required skills, language, overflow stage); every item of a lane can be taken by exactly the
 * same agents, so a lane is ordered once (effective priority, then arrival) and only its head matters.
 * Each lane knows its eligible agents and, among them, those <em>ready</em> now for the lane's channel.
 * The engine keeps one invariant after every call: a ready agent has no waiting item it could take. So a
 * new item needs only the ready agents of its lane, and an agent with free capacity needs only the heads
 * of its own lanes.
 */
public final class RoutingEngine {

    /** Times are kept as nanoseconds since this instant, so priorities stay exact as doubles. */
    private static final long EPOCH_SECOND =
            Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

    private static final long NANOS = 1_000_000_000L;
    /** {@code Channel.values()} copies its array on every call; decisions loop over this one. */
    private static final Channel[] CHANNELS = Channel.values();

    private static final double AHT_WEIGHT = 0.1;
    /** How many ready agents a longest-idle choice walks in readiness order before it scans the lane's bits. */
    private static final int LONGEST_IDLE_WALK = 32;

    private static final int OVERFLOW_CHAIN = 16;
    static final String MISSED_OFFER = "missed offer";

    /**
     * Routing order inside a lane: higher priority first, then earlier enqueue time (an item restored or
     * placed with an earlier time than items admitted before it goes ahead of them), then earlier arrival.
     */
    private static final Comparator<Item> ORDER = (x, y) -> {
        int byKey = Double.compare(y.key, x.key);
        if (byKey != 0) {
            return byKey;
        }
        int byTime = Long.compare(x.enqueued, y.enqueued);
        return byTime != 0 ? byTime : Long.compare(x.seq, y.seq);
    };

    private final InstantSource clock;
    private final OfferRules rules;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Q> queues = new LinkedHashMap<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final ItemTable items = new ItemTable();
    private final Map<LaneKey, Lane> lanes = new HashMap<>();
    /** Agents by {@link Agent#index}, the bit numbering of the agent sets below. */
    private Agent[] byIndex = new Agent[64];
    /**
     * Per channel, the agents ready for it now. A lane's ready agents are its eligible agents intersected
     * with this set, so an agent turning ready or not flips one bit instead of touching each of its lanes.
     */
    private final AgentSet[] ready = new AgentSet[Channel.values().length];
    /**
     * Per channel and agent index, the engine sequence number when the agent last turned ready for the
     * channel: the longest-idle order. Kept flat (not in {@link Agent}) so a lane's choice reads one array.
     */
    private final long[][] readySince = new long[Channel.values().length][64];
    /**
     * Per channel, the ready agents in the order they turned ready (stamps only grow, so a new one goes
     * last): longest idle first. A longest-idle lane walks it to its first eligible agent instead of
     * scanning every ready agent of the lane for the earliest stamp.
     */
    private final ReadyOrder[] readyOrder = new ReadyOrder[Channel.values().length];
    /** Per agent index, Σ load/capacity over channels, kept with every load change (least occupied). */
    private double[] occupancy = new double[64];
    /**
     * Per agent index, when the agent last became idle (shown available, or finished an item): the policies'
     * first tie-break. Flat, so comparing two candidates does not read their agent objects.
     */
    private long[] idleSince = new long[64];
    /** Skill names as dense numbers, and per skill number the proficiency of each agent index (0: none). */
    private final Map<String, Integer> skillNumbers = new HashMap<>();

    private byte[][] proficiencies = new byte[0][];

    /** Every lane's head key and aging rate by lane number: the agent-side scan reads these flat arrays. */
    private final LaneHeads heads = new LaneHeads();

    private final TimerHeap timers = new TimerHeap();
    private long sequence;
    private long now;

    /** {@link #now} as the instant it was read from, or null until needed (time held back: a new object). */
    private @Nullable Instant nowInstant;

    public RoutingEngine(InstantSource clock) {
        this(clock, OfferRules.ENGINE);
    }

    /** An engine with other blending and offer rules than the default ({@link OfferRules#ENGINE}). */
    public RoutingEngine(InstantSource clock, OfferRules rules) {
        this.clock = clock;
        this.rules = rules;
        for (int c = 0; c < ready.length; c++) {
            ready[c] = new AgentSet();
            readyOrder[c] = new ReadyOrder();
        }
    }

    public InstantSource clock() {
        return clock;
    }

    // ----------------------------------------------------------------------------------------------------
    // Configuration

    /** Adds a queue or replaces its settings (waiting items stay, in order). */
    public List<RoutingEvent> defineQueue(QueueSpec queue) {
        return change(events -> {
            Q existing = queues.get(queue.id());
            boolean referenced = queues.values().stream()
                    .anyMatch(q -> q.spec.overflow().stream()
                            .anyMatch(s -> s.addQueues().contains(queue.id())));
            if (existing == null) {
                Q q = new Q(queue);
                queues.put(queue.id(), q);
                if (referenced) {
                    rebuild(events);
                } else {
                    q.defaultLane = lane(q, queue.channel(), q.sortedSkills, null, 0);
                }
            } else {
                existing.spec = queue;
                existing.sortedSkills = sorted(queue.requiredSkills());
                rebuild(events);
            }
        });
    }

    /** Adds an agent (offline) or replaces its skills, languages, teams and capacities. */
    public List<RoutingEvent> defineAgent(AgentSpec spec) {
        return change(events -> {
            Agent agent = agents.get(spec.id());
            if (agent == null) {
                agent = new Agent(spec, now, agents.size());
                agents.put(spec.id(), agent);
                if (agent.index == byIndex.length) {
                    byIndex = Arrays.copyOf(byIndex, byIndex.length * 2);
                    for (int c = 0; c < readySince.length; c++) {
                        readySince[c] = Arrays.copyOf(readySince[c], byIndex.length);
                        readyOrder[c].grow(byIndex.length);
                    }
                    occupancy = Arrays.copyOf(occupancy, byIndex.length);
                    idleSince = Arrays.copyOf(idleSince, byIndex.length);
                    for (int s = 0; s < proficiencies.length; s++) {
                        proficiencies[s] = Arrays.copyOf(proficiencies[s], byIndex.length);
                    }
                }
                byIndex[agent.index] = agent;
                idleSince[agent.index] = now;
            } else {
                applyMask(agent, 0);
                for (List<Lane> channelLanes : agent.lanes) {
                    for (Lane lane : channelLanes) {
                        lane.eligible.remove(agent.index);
                    }
                }
                agent.clearLanes();
                for (String skill : agent.spec.skills().keySet()) {
                    int number = skillNumber(skill);
                    proficiencies[number][agent.index] = 0;
                }
                agent.setSpec(spec);
            }
            occupancy[agent.index] = agent.occupancy();
            for (Map.Entry<String, Integer> skill : spec.skills().entrySet()) {
                int number = skillNumber(skill.getKey()); // first: it may grow the table
                proficiencies[number][agent.index] = skill.getValue().byteValue();
            }
            for (Lane lane : lanes.values()) {
                if (eligible(agent, lane)) {
                    join(agent, lane);
                }
            }
            settle(agent, events);
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // Presence

    /**
     * Sets an agent's presence: {@code AVAILABLE}, {@code AWAY} (with a reason) or {@code OFFLINE}
     * ({@code BUSY} and {@code WRAP_UP} are the engine's: an {@code InvalidInputException} on field
     * {@code presence}). Going available ends wrap-up and may produce offers; going away or offline withdraws
     * open offers (their items wait again in their original place) and releases items held for the agent
     * by a sticky window; assigned work stays with the agent.
     */
    public List<RoutingEvent> setPresence(String agentId, Presence presence, @Nullable String reason) {
        return change(events -> {
            Agent agent = agent0(agentId);
            switch (presence) {
                case AVAILABLE -> {
                    agent.declared = Presence.AVAILABLE;
                    agent.reason = null;
                    agent.wrapping = false;
                    settle(agent, events);
                }
                case AWAY, OFFLINE -> turnAway(agent, presence, reason, null, events);
                case BUSY, WRAP_UP ->
                    throw new InvalidInputException(
                            "presence", "must be available, away or offline; busy and wrap_up follow the work");
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // Work items

    /**
     * Puts an item in its queue and routes it: {@code OfferMade} or {@code ItemAssigned} (auto-assign
     * queues) when an agent can take it now, else {@code ItemQueued}; {@code ItemRejected} or
     * {@code ItemOverflowed} when the queue is full. An id the engine already holds is a conflict.
     */
    public List<RoutingEvent> enqueue(WorkItemSpec spec) {
        return change(events -> {
            if (items.get(spec.id()) != null) {
                throw new ConflictException("work item " + spec.id() + " is already queued or assigned");
            }
            Q q = queue0(spec.queue());
            for (int hop = 0; q.waiting >= q.spec.maxWaiting(); hop++) {
                String next = q.spec.overflowQueue();
                if (q.spec.whenFull() == FullQueueAction.REJECT || next == null || hop >= OVERFLOW_CHAIN) {
                    events.add(new RoutingEvent.ItemRejected(spec.id(), q.spec.id(), "queue full"));
                    return;
                }
                Q target = queues.get(next);
                if (target == null) {
                    events.add(new RoutingEvent.ItemRejected(spec.id(), q.spec.id(), "overflow queue unknown"));
                    return;
                }
                events.add(new RoutingEvent.ItemOverflowed(spec.id(), q.spec.id(), next));
                q = target;
            }
            Item item = admit(q.spec.id().equals(spec.queue()) ? spec : spec.withQueue(q.spec.id()), q, true);
            // routing either offers the item (its events follow) or leaves it waiting (no events): queued.
            // Behind other waiting items of its lane no agent can be ready for it (the engine's invariant),
            // so only an item heading its lane alone, or held for an agent, is worth a look at the agents.
            if (item.lane == null || item.lane.waiting.size() == 1) {
                route(item, null, events);
            }
            if (item.state == ItemState.WAITING) {
                events.add(new RoutingEvent.ItemQueued(item.id, q.spec.id(), at(item.enqueued)));
            }
        });
    }

    /**
     * Restores waiting items after a restart, in the given order (the stored queue order); items with an
     * id already held and items of unknown queues are skipped (the routing service logs them). Items are
     * placed first and routed afterwards, so the order is exactly as given whatever agents are available.
     * Queue size limits are not applied: these items were accepted before.
     */
    public List<RoutingEvent> restore(List<WorkItemSpec> waitingInOrder) {
        return change(events -> {
            List<Item> restored = new ArrayList<>();
            for (WorkItemSpec spec : waitingInOrder) {
                Q q = queues.get(spec.queue());
                if (q != null && items.get(spec.id()) == null) {
                    restored.add(admit(spec, q, false));
                }
            }
            for (Item item : restored) {
                if (item.state == ItemState.WAITING) {
                    route(item, null, events);
                }
            }
        });
    }

    /** Removes a waiting, offered or assigned item (the customer hung up, the case was closed elsewhere). */
    public List<RoutingEvent> cancel(String itemId) {
        return change(events -> {
            Item item = item0(itemId);
            Agent agent = item.agent;
            detach(item, "cancelled", events);
            forget(item);
            if (agent != null) {
                settle(agent, events);
            }
        });
    }

    /** The agent accepts its offer: the item becomes the agent's work. */
    public List<RoutingEvent> accept(String itemId, String agentId) {
        return change(events -> {
            Item item = offered(itemId, agentId);
            Agent agent = Objects.requireNonNull(item.agent);
            endOffer(item, agent, false);
            assign(item, agent);
            events.add(assigned(item, agent, true));
            if (rules.oneOfferAtATime()) {
                // the answered offer no longer blocks further offers
                settle(agent, events);
            }
        });
    }

    /** The agent declines: the item goes back to its original place, the agent turns away ("missed offer"). */
    public List<RoutingEvent> decline(String itemId, String agentId) {
        return change(events -> {
            missedOffer(offered(itemId, agentId), false, events);
        });
    }

    /**
     * The agent finished the item: its capacity is free. With {@code wrapUp} and a queue wrap-up limit the
     * agent enters {@code WRAP_UP} until the limit or {@link #setPresence} to available.
     */
    public List<RoutingEvent> complete(String itemId, boolean wrapUp) {
        return change(events -> {
            Item item = item0(itemId);
            if (item.state != ItemState.ASSIGNED) {
                throw new ConflictException("work item " + itemId + " is not assigned");
            }
            Agent agent = Objects.requireNonNull(item.agent);
            Q q = item.queue;
            double handled = (now - item.assignedAt) / (double) NANOS;
            q.aht += AHT_WEIGHT * (handled - q.aht);
            detach(item, "completed", events);
            forget(item);
            idleSince[agent.index] = now;
            if (wrapUp && q.spec.wrapUpSeconds() > 0 && agent.declared == Presence.AVAILABLE) {
                agent.wrapping = true;
                agent.wrapEpoch++;
                schedule(new Timer(
                        now + q.spec.wrapUpSeconds() * NANOS, TimerKind.WRAP_UP, null, agent, null, agent.wrapEpoch));
            }
            settle(agent, events);
        });
    }

    /**
     * Hands an item to another agent: it leaves its current agent (or its waiting place) and waits for
     * {@code agent} only, keeping its place and priority in its queue; the agent gets the offer as soon as it
     * has capacity on the item's channel, whatever its skills.
     */
    public List<RoutingEvent> transferToAgent(String itemId, String agentId) {
        return change(events -> {
            Item item = item0(itemId);
            Agent target = agent0(agentId);
            Agent previous = item.agent;
            detach(item, "transferred", events);
            item.heldFor = target;
            item.pinned = true;
            place(item);
            if (previous != null) {
                settle(previous, events);
            }
            route(item, previous, events);
        });
    }

    /** Moves an item to another queue (a transfer or a supervisor's move); it waits there from now. */
    public List<RoutingEvent> transferToQueue(String itemId, String queueId) {
        return change(events -> {
            Item item = item0(itemId);
            Q target = queue0(queueId);
            Agent previous = item.agent;
            detach(item, "transferred", events);
            item.queue.unlink(item);
            item.queueEpoch++;
            item.heldFor = null;
            item.pinned = false;
            item.spec = item.spec.withQueue(queueId).withEnqueuedAt(nowInstant());
            setUp(item, target, now, false);
            place(item);
            events.add(new RoutingEvent.ItemQueued(item.id, queueId, nowInstant()));
            if (previous != null) {
                settle(previous, events);
            }
            route(item, previous, events);
        });
    }

    /**
     * An offered or assigned item goes back to waiting in its original place (it is not offered straight
     * back to the agent who gave it up).
     */
    public List<RoutingEvent> requeue(String itemId) {
        return change(events -> {
            Item item = item0(itemId);
            if (item.state == ItemState.WAITING) {
                return;
            }
            Agent previous = Objects.requireNonNull(item.agent);
            detach(item, "requeued", events);
            place(item);
            settle(previous, events);
            route(item, previous, events);
        });
    }

    /**
     * A supervisor assigns a waiting or offered item to an agent, whatever the agent's presence and skills,
     * but within its capacity and the voice rule (a {@code ConflictException} otherwise).
     */
    public List<RoutingEvent> forceAssign(String itemId, String agentId) {
        return change(events -> {
            Item item = item0(itemId);
            Agent target = agent0(agentId);
            if (item.state == ItemState.ASSIGNED) {
                throw new ConflictException("work item " + itemId + " is already assigned");
            }
            if (item.state == ItemState.OFFERED && item.agent == target) {
                endOffer(item, target, false);
                assign(item, target);
            } else {
                int c = item.channel.ordinal();
                boolean fits = target.load[c] < target.cap[c]
                        && (!rules.voiceNeedsIdleAgent()
                                || (target.load[Channel.VOICE.ordinal()] == 0
                                        && (item.channel != Channel.VOICE || target.total() == 0)));
                if (!fits) {
                    throw new ConflictException(
                            "agent " + agentId + " has no free " + item.channel.wire() + " capacity");
                }
                Agent previous = item.agent;
                detach(item, "reassigned", events);
                load(target, item.channel, 1);
                assign(item, target);
                if (previous != null) {
                    settle(previous, events);
                }
            }
            events.add(assigned(item, target, false));
            settle(target, events);
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // Time

    /** Processes every deadline that has passed: offer timeouts, wrap-up ends, overflow steps, sticky windows. */
    public List<RoutingEvent> advance() {
        return change(events -> {
            while (!timers.isEmpty() && timers.peek().due <= now) {
                fire(timers.poll(), events);
            }
        });
    }

    /**
     * Lets the engine's time follow its clock back to the clock's reading. The engine otherwise never lets
     * time run backwards; this is for a clock that was read ahead on purpose (a test or an import reading
     * a later instant on one thread). Deadlines already scheduled keep their times.
     */
    public void resetTime() {
        lock.lock();
        try {
            Instant instant = clock.instant();
            now = nanos(instant);
            nowInstant = instant;
        } finally {
            lock.unlock();
        }
    }

    /** The earliest pending deadline, for a timer; empty when nothing is pending. */
    public Optional<Instant> nextDeadline() {
        return read(() -> {
            while (!timers.isEmpty() && !valid(timers.peek())) {
                timers.poll();
            }
            return timers.isEmpty() ? Optional.empty() : Optional.of(instant(timers.peek().due));
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // Views

    /**
     * A waiting item's position and estimated wait; empty when the item is not waiting.
     *
     * <p>{@code position} = 1 + the waiting items of the same queue routed before it (higher effective
     * priority, or equal and earlier). {@code estimatedWait = position × AHT / servers}, where AHT is the
     * queue's handle time (an exponentially weighted mean of completed items, weight 0.1, starting at the
     * queue's {@code expectedHandleSeconds}) and servers is the summed capacity on the item's channel of the
     * logged-in agents (available, busy or wrap-up) who may take it, at least 1.
     */
    public Optional<QueuePosition> position(String itemId) {
        return read(() -> {
            Item item = items.get(itemId);
            if (item == null || item.state != ItemState.WAITING) {
                return Optional.empty();
            }
            Q q = item.queue;
            int ahead = 0;
            for (Item other = q.first; other != null; other = other.next) {
                if (other != item && other.state == ItemState.WAITING && ORDER.compare(other, item) < 0) {
                    ahead++;
                }
            }
            Lane lane = item.lane != null ? item.lane : q.defaultLane;
            int servers = 0;
            for (Agent agent : members(lane.eligible)) {
                if (agent.declared == Presence.AVAILABLE) {
                    servers += agent.cap[item.channel.ordinal()];
                }
            }
            int position = ahead + 1;
            double seconds = position * q.aht / Math.max(1, servers);
            return Optional.of(new QueuePosition(item.id, q.spec.id(), position, Duration.ofNanos((long)
                    Math.min(seconds * NANOS, Long.MAX_VALUE))));
        });
    }

    /** The item's state, or empty when the engine does not hold it (never seen, completed or cancelled). */
    public Optional<ItemState> state(String itemId) {
        return read(() -> {
            Item item = items.get(itemId);
            return item == null ? Optional.empty() : Optional.of(item.state);
        });
    }

    /** Every item of a queue: waiting in routing order first, then offered, then assigned. */
    public List<WaitingItem> items(String queueId) {
        return read(() -> {
            Q q = queue0(queueId);
            List<Item> sorted = q.list();
            sorted.sort(Comparator.comparing((Item i) -> i.state).thenComparing(ORDER));
            double seconds = now / (double) NANOS;
            List<WaitingItem> result = new ArrayList<>(sorted.size());
            for (Item item : sorted) {
                result.add(new WaitingItem(
                        item.spec(),
                        item.state,
                        item.agent == null ? null : item.agent.spec.id(),
                        item.effective(seconds),
                        at(item.enqueued)));
            }
            return result;
        });
    }

    /** Every waiting item of every queue in routing order, as {@link #restore} takes them back. */
    public List<WorkItemSpec> waitingInOrder() {
        return read(() -> {
            List<WorkItemSpec> result = new ArrayList<>();
            for (Q q : queues.values()) {
                q.list().stream()
                        .filter(i -> i.state == ItemState.WAITING)
                        .sorted(ORDER)
                        .forEach(i -> result.add(i.spec()));
            }
            return result;
        });
    }

    /** Live figures of every queue, in the order queues were defined. */
    public List<QueueStats> queueStats() {
        return read(() -> {
            List<QueueStats> result = new ArrayList<>();
            for (Q q : queues.values()) {
                long oldest = now;
                for (Item item = q.first; item != null; item = item.next) {
                    if (item.state == ItemState.WAITING) {
                        oldest = Math.min(oldest, item.enqueued);
                    }
                }
                int[] byPresence = new int[Presence.values().length];
                for (Agent agent : members(q.defaultLane.eligible)) {
                    byPresence[agent.shown.ordinal()]++;
                }
                result.add(new QueueStats(
                        q.spec.id(),
                        q.waiting,
                        q.offered,
                        q.assigned,
                        Duration.ofNanos(Math.max(0, now - oldest)),
                        byPresence[Presence.AVAILABLE.ordinal()],
                        byPresence[Presence.BUSY.ordinal()],
                        byPresence[Presence.AWAY.ordinal()],
                        byPresence[Presence.WRAP_UP.ordinal()],
                        byPresence[Presence.OFFLINE.ordinal()]));
            }
            return result;
        });
    }

    public AgentView agent(String agentId) {
        return read(() -> {
            return view(agent0(agentId));
        });
    }

    public List<AgentView> agents() {
        return read(() -> {
            List<AgentView> result = new ArrayList<>(agents.size());
            for (Agent agent : agents.values()) {
                result.add(view(agent));
            }
            return result;
        });
    }

    private AgentView view(Agent agent) {
        EnumMap<Channel, Integer> load = new EnumMap<>(Channel.class);
        for (Channel channel : CHANNELS) {
            load.put(channel, agent.load[channel.ordinal()]);
        }
        return new AgentView(
                agent.spec.id(),
                agent.shown,
                agent.shown == Presence.AWAY || agent.shown == Presence.OFFLINE ? agent.reason : null,
                at(agent.since),
                agent.offered.stream().map(i -> i.id).toList(),
                agent.assigned.stream().map(i -> i.id).toList(),
                load);
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals: items

    private Item admit(WorkItemSpec spec, Q q, boolean fresh) {
        long enqueued = spec.enqueuedAt() == null ? now : nanos(spec.enqueuedAt());
        // a spec without its enqueue time keeps it so until asked for (Item#spec): no copy per enqueue
        Item item = new Item(spec.id(), spec);
        item.seq = ++sequence;
        setUp(item, q, enqueued, fresh);
        String preferred = spec.preferredAgent();
        Agent sticky = preferred == null ? null : agents.get(preferred);
        long holdUntil = enqueued + q.spec.stickySeconds() * NANOS;
        if (sticky != null && holdUntil > now && sticky.declared == Presence.AVAILABLE) {
            item.heldFor = sticky;
            schedule(new Timer(holdUntil, TimerKind.HOLD, item, null, null, item.queueEpoch));
        }
        items.put(item);
        place(item);
        return item;
    }

    /** Fills in the queue-dependent fields of an item entering {@code q} at {@code enqueued}. */
    private void setUp(Item item, Q q, long enqueued, boolean fresh) {
        WorkItemSpec spec = item.spec;
        item.queue = q;
        item.channel = spec.channel() != null ? spec.channel() : q.spec.channel();
        item.skills = spec.requiredSkills().isEmpty() ? q.sortedSkills : merged(q.sortedSkills, spec.requiredSkills());
        item.language = spec.language();
        item.enqueued = enqueued;
        item.key = q.spec.basePriority()
                + spec.casePriority()
                + spec.tier().priority()
                - q.spec.agingPerSecond() * (enqueued / (double) NANOS);
        item.stage = stageAt(item, now);
        q.link(item);
        scheduleStage(item);
    }

    private int stageAt(Item item, long at) {
        List<OverflowStep> steps = item.queue.spec.overflow();
        int stage = 0;
        while (stage < steps.size() && item.enqueued + steps.get(stage).afterSeconds() * NANOS <= at) {
            stage++;
        }
        return stage;
    }

    private void scheduleStage(Item item) {
        List<OverflowStep> steps = item.queue.spec.overflow();
        if (item.stage < steps.size()) {
            long due = item.enqueued + steps.get(item.stage).afterSeconds() * NANOS;
            schedule(new Timer(due, TimerKind.STAGE, item, null, null, item.queueEpoch));
        }
    }

    /** Makes the item wait: in its lane, or with the agent it is held for. Keeps its key: its original place. */
    private void place(Item item) {
        item.state = ItemState.WAITING;
        item.agent = null;
        item.endOffer(timers);
        item.queue.waiting++;
        if (item.heldFor != null) {
            item.heldFor.held.add(item);
            item.lane = null;
        } else {
            item.stage = stageAt(item, now);
            Lane lane = laneOf(item);
            lane.add(item);
            item.lane = lane;
        }
    }

    /** Takes a waiting item out of its lane, or out of the items held for an agent. */
    private static void unwait(Item item) {
        if (item.lane != null) {
            item.lane.remove(item);
            item.lane = null;
        } else if (item.heldFor != null) {
            item.heldFor.held.remove(item);
        }
        item.heldFor = null;
        item.pinned = false;
        item.queue.waiting--;
    }

    /** Takes an item out of waiting (or away from its agent), emitting what ended. */
    private void detach(Item item, String reason, List<RoutingEvent> events) {
        switch (item.state) {
            case WAITING -> unwait(item);
            case OFFERED -> {
                Agent agent = Objects.requireNonNull(item.agent);
                events.add(new RoutingEvent.OfferWithdrawn(Objects.requireNonNull(item.offer), reason));
                endOffer(item, agent, true);
                item.agent = null;
            }
            case ASSIGNED -> {
                Agent agent = Objects.requireNonNull(item.agent);
                events.add(new RoutingEvent.ItemReleased(item.id, agent.spec.id(), reason));
                agent.assigned.remove(item);
                load(agent, item.channel, -1);
                item.queue.assigned--;
                item.agent = null;
            }
        }
        item.state = ItemState.WAITING; // transient: callers place, assign or forget it next
        item.lane = null;
    }

    private void forget(Item item) {
        items.remove(item);
        item.queue.unlink(item);
        item.queueEpoch++;
    }

    private void assign(Item item, Agent agent) {
        item.state = ItemState.ASSIGNED;
        item.agent = agent;
        item.assignedAt = now;
        item.queue.assigned++;
        agent.assigned.add(item);
    }

    private RoutingEvent.ItemAssigned assigned(Item item, Agent agent, boolean offered) {
        return new RoutingEvent.ItemAssigned(
                item.id, agent.spec.id(), item.queue.spec.id(), item.channel, nowInstant(), offered);
    }

    /** The item, if it is offered to this agent now; a conflict otherwise. */
    private Item offered(String itemId, String agentId) {
        Item item = item0(itemId);
        Agent holder = item.agent;
        // the usual answer comes from the agent the item is offered to: no lookup of the agent by id
        if (item.state == ItemState.OFFERED
                && holder != null
                && holder.spec.id().equals(agentId)) {
            return item;
        }
        if (item.state != ItemState.OFFERED || item.agent != agent0(agentId)) {
            throw new ConflictException("work item " + itemId + " is not offered to agent " + agentId);
        }
        return item;
    }

    /** The agent's offer of the item ends; {@code freeSlot} unless the item stays with it as work. */
    private void endOffer(Item item, Agent agent, boolean freeSlot) {
        agent.offered.remove(item);
        if (freeSlot) {
            load(agent, item.channel, -1);
        }
        item.queue.offered--;
        item.endOffer(timers);
    }

    /** Offers (or auto-assigns) a waiting item to a ready agent. The caller settles the agent afterwards. */
    private void offer(Item item, Agent agent, List<RoutingEvent> events) {
        unwait(item);
        Q q = item.queue;
        q.offered(agent.index, ++sequence);
        load(agent, item.channel, 1);
        item.agent = agent;
        if (q.spec.autoAssign()) {
            assign(item, agent);
            events.add(assigned(item, agent, false));
        } else {
            item.state = ItemState.OFFERED;
            Offer offer = new Offer(
                    item.id,
                    agent.spec.id(),
                    q.spec.id(),
                    item.channel,
                    nowInstant(),
                    instant(now + q.spec.offerTimeoutSeconds() * NANOS));
            item.offer = offer;
            q.offered++;
            agent.offered.add(item);
            item.offerTimer =
                    new Timer(now + q.spec.offerTimeoutSeconds() * NANOS, TimerKind.OFFER, item, agent, offer, 0);
            schedule(item.offerTimer);
            items.recent = item;
            events.add(new RoutingEvent.OfferMade(offer));
        }
    }

    /** Offers a waiting item to the best ready agent of its lane (or the agent it is held for), if any. */
    private void route(Item item, @Nullable Agent except, List<RoutingEvent> events) {
        if (item.state != ItemState.WAITING) {
            return;
        }
        Agent chosen = null;
        if (item.heldFor != null) {
            Agent held = item.heldFor;
            if (held != except && (readyMask(held) & bit(item.channel)) != 0) {
                chosen = held;
            }
        } else if (item.lane != null) {
            chosen = choose(item.lane, except);
        }
        if (chosen != null) {
            offer(item, chosen, events);
            settle(chosen, events);
        }
    }

    /** The queue policy's pick among a lane's ready agents (eligible ∩ ready for the lane's channel). */
    private @Nullable Agent choose(Lane lane, @Nullable Agent except) {
        Policy policy = lane.queue.spec.policy();
        int c = lane.key.channel().ordinal();
        long[] eligible = lane.eligible.words;
        AgentSet readySet = ready[c];
        long[] readyNow = readySet.words;
        long[] nonZero = readySet.nonZero;
        int words = Math.min(eligible.length, readyNow.length);
        int skip = except == null ? -1 : except.index;
        // only the words holding a ready agent (in index order, as a walk of every word would visit them)
        if (policy == Policy.LONGEST_IDLE) {
            // the agent ready for this channel the longest: the earliest readiness stamp (stamps are unique).
            // First the ready agents in readiness order: the first eligible one is the answer.
            ReadyOrder order = readyOrder[c];
            int[] next = order.next;
            int steps = 0;
            for (int i = order.head; i >= 0; i = next[i]) {
                if (i != skip && (i >>> 6) < eligible.length && (eligible[i >>> 6] & (1L << i)) != 0) {
                    return byIndex[i];
                }
                if (++steps == LONGEST_IDLE_WALK) {
                    break;
                }
            }
            if (steps < LONGEST_IDLE_WALK) {
                return null; // every ready agent was looked at
            }
            // many ready agents ahead are not eligible here: find the earliest stamp among the lane's own
            long[] since = readySince[c];
            int first = -1;
            long firstSince = Long.MAX_VALUE;
            for (int s = 0; s < nonZero.length; s++) {
                for (long summary = nonZero[s]; summary != 0; summary &= summary - 1) {
                    int w = (s << 6) + Long.numberOfTrailingZeros(summary);
                    if (w >= words) {
                        break;
                    }
                    for (long bits = eligible[w] & readyNow[w]; bits != 0; bits &= bits - 1) {
                        int index = (w << 6) + Long.numberOfTrailingZeros(bits);
                        if (since[index] < firstSince && index != skip) {
                            first = index;
                            firstSince = since[index];
                        }
                    }
                }
            }
            return first < 0 ? null : byIndex[first];
        }
        long[] idle = idleSince;
        int best = -1;
        double bestScore = 0;
        for (int s = 0; s < nonZero.length; s++) {
            for (long summary = nonZero[s]; summary != 0; summary &= summary - 1) {
                int w = (s << 6) + Long.numberOfTrailingZeros(summary);
                if (w >= words) {
                    break;
                }
                for (long bits = eligible[w] & readyNow[w]; bits != 0; bits &= bits - 1) {
                    int index = (w << 6) + Long.numberOfTrailingZeros(bits);
                    if (index == skip) {
                        continue;
                    }
                    double score = switch (policy) {
                        case LONGEST_IDLE, MOST_SKILLED -> -proficiency(lane, index);
                        case LEAST_OCCUPIED -> occupancy[index];
                        case ROUND_ROBIN -> lane.queue.lastOffer(index);
                    };
                    // ties: longest idle, then agent id (the only read of the agent objects, on equal idle times)
                    if (best < 0
                            || score < bestScore
                            || (score == bestScore
                                    && (idle[index] < idle[best]
                                            || (idle[index] == idle[best]
                                                    && byIndex[index].spec.id().compareTo(byIndex[best].spec.id())
                                                            < 0)))) {
                        best = index;
                        bestScore = score;
                    }
                }
            }
        }
        return best < 0 ? null : byIndex[best];
    }

    /** The decline/timeout path: the item goes back to its place, the agent turns away ("missed offer"). */
    private void missedOffer(Item item, boolean expired, List<RoutingEvent> events) {
        Agent agent = Objects.requireNonNull(item.agent);
        Offer offer = Objects.requireNonNull(item.offer);
        events.add(expired ? new RoutingEvent.OfferExpired(offer) : new RoutingEvent.OfferDeclined(offer));
        endOffer(item, agent, true);
        place(item);
        turnAway(agent, Presence.AWAY, MISSED_OFFER, item, events);
    }

    /**
     * The agent stops taking offers: open offers are withdrawn and sticky items released, then every item
     * that waits again is routed to other agents.
     */
    private void turnAway(
            Agent agent,
            Presence presence,
            @Nullable String reason,
            @Nullable Item returned,
            List<RoutingEvent> events) {
        agent.declared = presence;
        agent.reason = reason;
        agent.wrapping = false;
        List<Item> again = new ArrayList<>();
        if (returned != null) {
            again.add(returned);
        }
        for (Item item : new ArrayList<>(agent.offered)) {
            detach(item, presence == Presence.OFFLINE ? "agent offline" : "agent away", events);
            place(item);
            again.add(item);
        }
        for (Item item : new ArrayList<>(agent.held)) {
            if (!item.pinned) {
                unwait(item);
                place(item);
                again.add(item);
            }
        }
        settle(agent, events);
        again.sort(ORDER);
        for (Item item : again) {
            route(item, agent, events);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals: agents

    /** Which channels the agent may be offered now, as bits by channel ordinal. */
    private int readyMask(Agent agent) {
        if (agent.declared != Presence.AVAILABLE
                || agent.wrapping
                || (rules.voiceNeedsIdleAgent() && agent.load[Channel.VOICE.ordinal()] > 0)
                || (rules.oneOfferAtATime() && !agent.offered.isEmpty())) {
            return 0;
        }
        int mask = 0;
        int total = agent.total();
        for (Channel channel : CHANNELS) {
            int c = channel.ordinal();
            boolean free = channel == Channel.VOICE && rules.voiceNeedsIdleAgent()
                    ? total == 0 && agent.cap[c] > 0
                    : agent.load[c] < agent.cap[c];
            if (free) {
                mask |= 1 << c;
            }
        }
        return mask;
    }

    /** Sum of the agent's proficiencies in the lane's required skills (most skilled). */
    private int proficiency(Lane lane, int agentIndex) {
        int sum = 0;
        for (int skill : lane.skills) {
            sum += proficiencies[skill][agentIndex];
        }
        return sum;
    }

    private int skillNumber(String skill) {
        Integer number = skillNumbers.get(skill);
        if (number == null) {
            number = proficiencies.length;
            skillNumbers.put(skill, number);
            proficiencies = Arrays.copyOf(proficiencies, number + 1);
            proficiencies[number] = new byte[byIndex.length];
        }
        return number;
    }

    private void load(Agent agent, Channel channel, int delta) {
        agent.load[channel.ordinal()] += delta;
        occupancy[agent.index] = agent.occupancy();
    }

    private static int bit(Channel channel) {
        return 1 << channel.ordinal();
    }

    /**
     * Restores the invariant for one agent: while it could take a waiting item, offer it the best one; then
     * record in its lanes for which channels it is ready and report a presence change.
     */
    private void settle(Agent agent, List<RoutingEvent> events) {
        while (true) {
            int mask = readyMask(agent);
            Item best = mask == 0 ? null : bestFor(agent, mask);
            if (best == null) {
                applyMask(agent, mask);
                break;
            }
            offer(best, agent, events);
        }
        Presence shown = shown(agent);
        if (shown != agent.shown || (shown == Presence.AWAY && !Objects.equals(agent.shownReason, agent.reason))) {
            events.add(new RoutingEvent.AgentStateChanged(
                    agent.spec.id(),
                    agent.shown,
                    shown,
                    shown == Presence.AWAY || shown == Presence.OFFLINE ? agent.reason : null,
                    nowInstant()));
            if (shown == Presence.AVAILABLE) {
                idleSince[agent.index] = now;
            }
            agent.shown = shown;
            agent.shownReason = agent.reason;
            agent.since = now;
        }
    }

    private static Presence shown(Agent agent) {
        if (agent.declared != Presence.AVAILABLE) {
            return agent.declared;
        }
        if (agent.wrapping) {
            return Presence.WRAP_UP;
        }
        return agent.total() > 0 ? Presence.BUSY : Presence.AVAILABLE;
    }

    /** The waiting item this agent should get next: items held for it first, then the best lane head. */
    private @Nullable Item bestFor(Agent agent, int mask) {
        double seconds = now / (double) NANOS;
        Item best = null;
        double bestPriority = 0;
        for (Item item : agent.held) {
            if ((mask & bit(item.channel)) != 0) {
                double priority = item.effective(seconds);
                if (best == null || ahead(item, priority, best, bestPriority)) {
                    best = item;
                    bestPriority = priority;
                }
            }
        }
        if (best != null) {
            return best;
        }
        // Only the lanes' head keys are read here, from flat arrays by lane number (an agent has tens of
        // lanes and this runs per decision); a head item is looked at only when its priority ties the best.
        double[] keyAndAging = heads.keyAndAging;
        int bestLane = -1;
        bestPriority = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CHANNELS.length; c++) {
            if ((mask & (1 << c)) == 0) {
                continue;
            }
            int[] numbers = agent.laneNumbers[c];
            for (int i = 0, n = agent.laneCount[c]; i < n; i++) {
                int l = numbers[i];
                double key = keyAndAging[2 * l];
                if (key == Double.NEGATIVE_INFINITY) {
                    continue; // an empty lane
                }
                double priority = key + keyAndAging[2 * l + 1] * seconds;
                if (priority > bestPriority
                        || bestLane < 0
                        || (priority == bestPriority
                                && ahead(heads.lanes[l].head, priority, heads.lanes[bestLane].head, bestPriority))) {
                    bestLane = l;
                    bestPriority = priority;
                }
            }
        }
        return bestLane < 0 ? null : heads.lanes[bestLane].head;
    }

    /** Across queues: higher effective priority first, then earlier arrival, then earlier sequence. */
    private static boolean ahead(Item item, double priority, Item other, double otherPriority) {
        if (priority != otherPriority) {
            return priority > otherPriority;
        }
        if (item.enqueued != other.enqueued) {
            return item.enqueued < other.enqueued;
        }
        return item.seq < other.seq;
    }

    private void applyMask(Agent agent, int mask) {
        int changed = mask ^ agent.readyMask;
        if (changed == 0) {
            return;
        }
        for (int c = 0; c < ready.length; c++) {
            int b = 1 << c;
            if ((changed & b) == 0) {
                continue;
            }
            if ((mask & b) != 0) {
                ready[c].add(agent.index);
                readySince[c][agent.index] = ++sequence;
                readyOrder[c].append(agent.index);
            } else {
                ready[c].remove(agent.index);
                readyOrder[c].unlink(agent.index);
            }
        }
        agent.readyMask = mask;
    }

    /** The agents of a set, in index order (views and set-up only: hot paths walk the bits themselves). */
    private List<Agent> members(AgentSet set) {
        List<Agent> result = new ArrayList<>();
        long[] words = set.words;
        for (int w = 0; w < words.length; w++) {
            for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                result.add(byIndex[(w << 6) + Long.numberOfTrailingZeros(bits)]);
            }
        }
        return result;
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals: lanes

    private Lane laneOf(Item item) {
        Q q = item.queue;
        if (item.stage == 0
                && item.language == null
                && item.channel == q.spec.channel()
                && item.skills == q.sortedSkills) {
            return q.defaultLane;
        }
        return lane(q, item.channel, item.skills, item.language, item.stage);
    }

    private Lane lane(Q q, Channel channel, List<SkillRequirement> skills, @Nullable String language, int stage) {
        LaneKey key = new LaneKey(q.spec.id(), channel, skills, language, stage);
        Lane lane = lanes.get(key);
        if (lane == null) {
            lane = new Lane(key, q, heads);
            lane.skills = skills.stream().mapToInt(r -> skillNumber(r.skill())).toArray();
            List<OverflowStep> steps = q.spec.overflow();
            for (int i = 0; i < stage && i < steps.size(); i++) {
                lane.relax += steps.get(i).relaxProficiencyBy();
                lane.addedTeams.addAll(steps.get(i).addTeams());
                lane.addedQueues.addAll(steps.get(i).addQueues());
            }
            lanes.put(key, lane);
            q.lanes.add(lane);
            // A stage-0 lane of the queue's channel only narrows the queue's default lane (more skills,
            // a language): its agents are among the default lane's, a few hundred rather than all.
            Lane base = q.defaultLane;
            boolean narrower = base != null && stage == 0 && channel == q.spec.channel();
            Iterable<Agent> candidates = narrower ? members(base.eligible) : agents.values();
            for (Agent agent : candidates) {
                if (eligible(agent, lane)) {
                    join(agent, lane);
                }
            }
        }
        return lane;
    }

    private static void join(Agent agent, Lane lane) {
        lane.eligible.add(agent.index);
        int c = lane.key.channel().ordinal();
        agent.lanes[c].add(lane);
        if (agent.laneCount[c] == agent.laneNumbers[c].length) {
            agent.laneNumbers[c] = Arrays.copyOf(agent.laneNumbers[c], agent.laneCount[c] * 2);
        }
        agent.laneNumbers[c][agent.laneCount[c]++] = lane.number;
    }

    /** Whether every item of the lane may go to this agent. */
    private boolean eligible(Agent agent, Lane lane) {
        LaneKey key = lane.key;
        if (agent.cap[key.channel().ordinal()] <= 0) {
            return false;
        }
        if (key.language() != null && !agent.spec.languages().contains(key.language())) {
            return false;
        }
        boolean teamFits = inTeams(agent, lane.queue.spec.teams()) || intersects(agent.spec.teams(), lane.addedTeams);
        if (teamFits && skilled(agent, key.skills(), lane.relax)) {
            return true;
        }
        for (String other : lane.addedQueues) {
            Q q = queues.get(other);
            if (q != null && inTeams(agent, q.spec.teams()) && skilled(agent, q.sortedSkills, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inTeams(Agent agent, Set<String> teams) {
        return teams.isEmpty() || intersects(agent.spec.teams(), teams);
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean skilled(Agent agent, List<SkillRequirement> skills, int relax) {
        for (SkillRequirement requirement : skills) {
            Integer proficiency = agent.spec.skills().get(requirement.skill());
            if (proficiency == null || proficiency < Math.max(1, requirement.minProficiency() - relax)) {
                return false;
            }
        }
        return true;
    }

    /** After a queue changed: every lane is rebuilt and every waiting item placed again with new keys. */
    private void rebuild(List<RoutingEvent> events) {
        for (Agent agent : agents.values()) {
            applyMask(agent, 0);
            agent.clearLanes();
        }
        lanes.clear();
        heads.clear(); // every lane is built again below; the old ones are no longer reachable from items
        for (Q q : queues.values()) {
            q.lanes.clear();
            q.defaultLane = lane(q, q.spec.channel(), q.sortedSkills, null, 0);
        }
        for (Q q : queues.values()) {
            for (Item item : q.list()) {
                item.queueEpoch++;
                q.unlink(item);
                WorkItemSpec spec = item.spec;
                if (item.state == ItemState.WAITING) {
                    if (item.heldFor != null) {
                        item.heldFor.held.remove(item);
                    }
                    q.waiting--;
                    setUp(item, q, item.enqueued, false);
                    place(item);
                } else {
                    setUp(item, q, item.enqueued, false);
                }
                item.spec = spec;
            }
        }
        for (Agent agent : agents.values()) {
            settle(agent, events);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals: timers

    private void schedule(Timer timer) {
        timer.seq = ++sequence;
        timers.add(timer);
    }

    private boolean valid(Timer timer) {
        return switch (timer.kind) {
            case OFFER -> timer.item != null && timer.item.offer == timer.offer;
            case WRAP_UP -> timer.agent != null && timer.agent.wrapping && timer.agent.wrapEpoch == timer.epoch;
            case STAGE, HOLD ->
                timer.item != null && items.get(timer.item.id) == timer.item && timer.item.queueEpoch == timer.epoch;
        };
    }

    private void fire(Timer timer, List<RoutingEvent> events) {
        if (!valid(timer)) {
            return;
        }
        switch (timer.kind) {
            case OFFER -> missedOffer(Objects.requireNonNull(timer.item), true, events);
            case WRAP_UP -> {
                Agent agent = Objects.requireNonNull(timer.agent);
                agent.wrapping = false;
                settle(agent, events);
            }
            case STAGE -> {
                Item item = Objects.requireNonNull(timer.item);
                int stage = stageAt(item, now);
                if (item.state == ItemState.WAITING && item.lane != null && stage != item.stage) {
                    unwait(item);
                    place(item);
                    route(item, null, events);
                } else {
                    item.stage = stage;
                }
                scheduleStage(item);
            }
            case HOLD -> {
                Item item = Objects.requireNonNull(timer.item);
                if (item.state == ItemState.WAITING && item.heldFor != null && !item.pinned) {
                    unwait(item);
                    place(item);
                    route(item, null, events);
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // Internals: small helpers

    /**
     * Runs a change under the lock at the current time and returns the events it caused. Every mutating
     * method goes through here: one lock, one clock reading, one event list.
     */
    private List<RoutingEvent> change(Consumer<List<RoutingEvent>> body) {
        lock.lock();
        try {
            tick();
            List<RoutingEvent> events = new ArrayList<>();
            body.accept(events);
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** Reads under the lock at the current time. */
    private <T> T read(Supplier<T> body) {
        lock.lock();
        try {
            tick();
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private void tick() {
        Instant instant = clock.instant();
        long read = nanos(instant);
        // Time never runs backwards inside the engine, even if the clock is set back.
        if (read >= now) {
            now = read;
            nowInstant = instant;
        } else {
            nowInstant = null;
        }
    }

    /** The engine's time as an instant: the clock's own reading, so events of a call share one object. */
    private Instant nowInstant() {
        Instant instant = nowInstant;
        if (instant == null) {
            instant = instant(now);
            nowInstant = instant;
        }
        return instant;
    }

    /** An engine time as an instant ({@link #nowInstant} when it is now). */
    private Instant at(long nanos) {
        return nanos == now ? nowInstant() : instant(nanos);
    }

    private static long nanos(Instant instant) {
        return (instant.getEpochSecond() - EPOCH_SECOND) * NANOS + instant.getNano();
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(EPOCH_SECOND + Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    private Item item0(String id) {
        Item item = items.get(id);
        if (item == null) {
            throw new NotFoundException("work item", id);
        }
        return item;
    }

    private Agent agent0(String id) {
        Agent agent = agents.get(id);
        if (agent == null) {
            throw new NotFoundException("agent", id);
        }
        return agent;
    }

    private Q queue0(String id) {
        Q q = queues.get(id);
        if (q == null) {
            throw new NotFoundException("queue", id);
        }
        return q;
    }

    private static List<SkillRequirement> sorted(List<SkillRequirement> skills) {
        return merged(List.of(), skills);
    }

    /** The union of two requirement lists, the stricter minimum winning, sorted by skill. */
    private static List<SkillRequirement> merged(List<SkillRequirement> base, List<SkillRequirement> extra) {
        TreeMap<String, Integer> byName = new TreeMap<>();
        for (SkillRequirement r : base) {
            byName.merge(r.skill(), r.minProficiency(), Math::max);
        }
        for (SkillRequirement r : extra) {
            byName.merge(r.skill(), r.minProficiency(), Math::max);
        }
        List<SkillRequirement> result = new ArrayList<>(byName.size());
        byName.forEach((name, min) -> result.add(new SkillRequirement(name, min)));
        return List.copyOf(result);
    }

    // ----------------------------------------------------------------------------------------------------
    // State

    private record LaneKey(
            String queue,
            Channel channel,
            List<SkillRequirement> skills,
            @Nullable String language,
            int stage) {

        // Written out (the same components as the record's own): the generated ones go through method
        // handles per component, and an item outside its queue's default lane looks its lane up per enqueue.
        @Override
        public boolean equals(Object other) {
            if (!(other instanceof LaneKey key)
                    || stage != key.stage
                    || channel != key.channel
                    || !queue.equals(key.queue)
                    || !Objects.equals(language, key.language)
                    || skills.size() != key.skills.size()) {
                return false;
            }
            for (int i = 0; i < skills.size(); i++) {
                SkillRequirement a = skills.get(i);
                SkillRequirement b = key.skills.get(i);
                if (a.minProficiency() != b.minProficiency() || !a.skill().equals(b.skill())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = queue.hashCode();
            hash = 31 * hash + channel.ordinal();
            for (SkillRequirement requirement : skills) {
                hash = 31 * (31 * hash + requirement.skill().hashCode()) + requirement.minProficiency();
            }
            hash = 31 * hash + Objects.hashCode(language);
            return 31 * hash + stage;
        }
    }

    private static final class Lane {
        final LaneKey key;
        final Q queue;
        final LaneHeap waiting = new LaneHeap();
        final AgentSet eligible = new AgentSet();
        final Set<String> addedTeams = new HashSet<>();
        final Set<String> addedQueues = new HashSet<>();
        /** The queue's aging rate (lanes are rebuilt when a queue changes). */
        final double aging;

        int relax;

        /** The first waiting item and its key, kept with every change so agents compare heads cheaply. */
        @Nullable
        Item head;

        double headKey;

        /** The lane's number in {@link LaneHeads}, where its head key is mirrored. */
        final int number;

        private final LaneHeads heads;

        Lane(LaneKey key, Q queue, LaneHeads heads) {
            this.key = key;
            this.queue = queue;
            this.aging = queue.spec.agingPerSecond();
            this.heads = heads;
            this.number = heads.register(this);
        }

        void add(Item item) {
            waiting.add(item);
            if (head == null || ORDER.compare(item, head) < 0) {
                head = item;
                headKey = item.key;
                heads.keyAndAging[2 * number] = headKey;
            }
        }

        void remove(Item item) {
            waiting.remove(item);
            if (item == head) {
                head = waiting.isEmpty() ? null : waiting.peek();
                headKey = head == null ? 0 : head.key;
                heads.keyAndAging[2 * number] = head == null ? Double.NEGATIVE_INFINITY : headKey;
            }
        }

        /** The numbers of the lane's required skills ({@link #skillNumber}). */
        int[] skills = new int[0];
    }

    /**
     * Per lane number: the head's key ({@code -∞} while the lane is empty) and the aging rate side by side
     * (slots 2n and 2n + 1: one cache line read per lane), and the lane. Flat so that an agent's scan of its
     * lanes' heads does not visit each lane object. Numbers are never reused (a rebuild numbers the new
     * lanes after the old).
     */
    private static final class LaneHeads {
        double[] keyAndAging = new double[128];
        Lane[] lanes = new Lane[64];
        int count;

        int register(Lane lane) {
            if (count == lanes.length) {
                keyAndAging = Arrays.copyOf(keyAndAging, count * 4);
                lanes = Arrays.copyOf(lanes, count * 2);
            }
            keyAndAging[2 * count] = Double.NEGATIVE_INFINITY;
            keyAndAging[2 * count + 1] = lane.aging;
            lanes[count] = lane;
            return count++;
        }

        void clear() {
            Arrays.fill(lanes, 0, count, null);
            count = 0;
        }
    }

    /**
     * A lane's waiting items in routing order ({@link #ORDER}): a 4-ary min-heap whose sort keys (key,
     * enqueue time, sequence) sit in flat arrays beside the items, so sifting compares array slots (a node's
     * four children share a cache line or two) instead of reading the items, and a heap of n items is
     * log4 n deep rather than log2 n. Items know their slot ({@link IndexedHeap.Entry#index}), so one is
     * taken out from anywhere in O(log n). The order is total (sequence numbers are unique), so the head is
     * the same whatever the heap's shape.
     */
    private static final class LaneHeap {
        private Item[] items = new Item[8];
        private double[] keys = new double[8];
        private long[] times = new long[8];
        private long[] seqs = new long[8];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        /** The first item in routing order; call only when the heap is not empty. */
        Item peek() {
            return items[0];
        }

        void add(Item item) {
            if (size == items.length) {
                int length = size * 2;
                items = Arrays.copyOf(items, length);
                keys = Arrays.copyOf(keys, length);
                times = Arrays.copyOf(times, length);
                seqs = Arrays.copyOf(seqs, length);
            }
            up(size++, item, item.key, item.enqueued, item.seq);
        }

        /** Removes the item if it is in this heap; does nothing otherwise. */
        void remove(Item item) {
            int i = item.index;
            if (i >= 0 && i < size && items[i] == item) {
                item.index = -1;
                int last = --size;
                Item moved = items[last];
                double key = keys[last];
                long time = times[last];
                long seq = seqs[last];
                items[last] = null;
                if (i != last) {
                    // the last item fills the hole: it moves down, or up when it goes before the hole's parent
                    if (i > 0 && before(key, time, seq, (i - 1) >>> 2)) {
                        up(i, moved, key, time, seq);
                    } else {
                        down(i, moved, key, time, seq);
                    }
                }
            }
        }

        /** Whether (key, time, seq) goes before the item at slot j. */
        private boolean before(double key, long time, long seq, int j) {
            return precedes(key, time, seq, keys[j], times[j], seqs[j]);
        }

        /** {@link #ORDER} on the sort keys: higher key first, then earlier enqueue time, then sequence. */
        private static boolean precedes(
                double key, long time, long seq, double otherKey, long otherTime, long otherSeq) {
            int byKey = Double.compare(otherKey, key);
            if (byKey != 0) {
                return byKey < 0;
            }
            if (time != otherTime) {
                return time < otherTime;
            }
            return seq < otherSeq;
        }

        private void set(int i, Item item, double key, long time, long seq) {
            items[i] = item;
            keys[i] = key;
            times[i] = time;
            seqs[i] = seq;
            item.index = i;
        }

        private void up(int i, Item item, double key, long time, long seq) {
            while (i > 0) {
                int parent = (i - 1) >>> 2;
                if (!before(key, time, seq, parent)) {
                    break;
                }
                set(i, items[parent], keys[parent], times[parent], seqs[parent]);
                i = parent;
            }
            set(i, item, key, time, seq);
        }

        private void down(int i, Item item, double key, long time, long seq) {
            while (true) {
                int first = 4 * i + 1;
                if (first >= size) {
                    break;
                }
                int best = first;
                for (int c = first + 1, end = Math.min(first + 4, size); c < end; c++) {
                    if (before(keys[c], times[c], seqs[c], best)) {
                        best = c;
                    }
                }
                if (!precedes(keys[best], times[best], seqs[best], key, time, seq)) {
                    break;
                }
                set(i, items[best], keys[best], times[best], seqs[best]);
                i = best;
            }
            set(i, item, key, time, seq);
        }
    }

    /**
     * The items the engine holds by id: open addressing with linear probing over the items themselves (an
     * item keeps its id's hash), so a lookup reads one array slot and the item, and nothing is allocated per
     * item (a {@code HashMap} adds a node per entry and a second dependent read per lookup).
     */
    private static final class ItemTable {
        private Item[] slots = new Item[1024];
        private int size;

        /**
         * The item last offered, while the table holds it: an offer is usually answered with the very id
         * string the offer carried, which this finds without reading the table.
         */
        @Nullable
        Item recent;

        @Nullable
        Item get(String id) {
            Item last = recent;
            if (last != null && last.id == id) {
                return last;
            }
            Item[] table = slots;
            int mask = table.length - 1;
            int hash = id.hashCode();
            for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
                Item item = table[i];
                if (item == null) {
                    return null;
                }
                if (item.hash == hash && (item.id == id || item.id.equals(id))) {
                    return item;
                }
            }
        }

        /** Adds an item whose id is not in the table. */
        void put(Item item) {
            if (2 * (size + 1) > slots.length) {
                grow();
            }
            insert(slots, item);
            size++;
        }

        /** Removes an item that is in the table, shifting later entries of its probe run back. */
        void remove(Item item) {
            if (item == recent) {
                recent = null;
            }
            Item[] table = slots;
            int mask = table.length - 1;
            int i = slot(item.hash, mask);
            while (table[i] != item) {
                i = (i + 1) & mask;
            }
            // backward-shift deletion: no tombstones, so lookups never walk over removed items
            for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
                int home = slot(table[j].hash, mask);
                // move table[j] into the hole at i unless its home lies cyclically in (i, j]
                boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
                if (!stays) {
                    table[i] = table[j];
                    i = j;
                }
            }
            table[i] = null;
            size--;
        }

        private void grow() {
            Item[] old = slots;
            Item[] table = new Item[old.length * 2];
            for (Item item : old) {
                if (item != null) {
                    insert(table, item);
                }
            }
            slots = table;
        }

        private static void insert(Item[] table, Item item) {
            int mask = table.length - 1;
            int i = slot(item.hash, mask);
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = item;
        }

        /**
         * Fibonacci hashing (the top bits of the hash times 2^32/φ): ids like "w123", "w124" have neighbouring
         * hashes that must not land in neighbouring slots. {@code mask + 1} is the table's power-of-two size.
         */
        private static int slot(int hash, int mask) {
            return (hash * 0x9E3779B9) >>> Integer.numberOfLeadingZeros(mask);
        }
    }

    /** Agents by index in a doubly linked list through two arrays: appended at the end, taken out anywhere. */
    private static final class ReadyOrder {
        int[] next = new int[64];
        int[] previous = new int[64];
        int head = -1;
        int tail = -1;

        void grow(int length) {
            next = Arrays.copyOf(next, length);
            previous = Arrays.copyOf(previous, length);
        }

        void append(int index) {
            previous[index] = tail;
            next[index] = -1;
            if (tail < 0) {
                head = index;
            } else {
                next[tail] = index;
            }
            tail = index;
        }

        void unlink(int index) {
            int before = previous[index];
            int after = next[index];
            if (before < 0) {
                head = after;
            } else {
                next[before] = after;
            }
            if (after < 0) {
                tail = before;
            } else {
                previous[after] = before;
            }
        }
    }

    /** A set of agents as bits by {@link Agent#index}: ready agents of a lane are one AND per 64 agents. */
    private static final class AgentSet {
        long[] words = new long[1];

        /**
         * Bit w is set when word w is not zero. Ready agents are few while work waits (a ready agent has no
         * waiting item it could take), so a lane's choice walks only the words that hold one (10,000 agents:
         * 157 words, and 3 of these) instead of ANDing every word.
         */
        long[] nonZero = new long[1];

        void add(int index) {
            int w = index >>> 6;
            if (w >= words.length) {
                words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
                nonZero = Arrays.copyOf(nonZero, (words.length + 63) >>> 6);
            }
            words[w] |= 1L << index;
            nonZero[w >>> 6] |= 1L << w;
        }

        void remove(int index) {
            int w = index >>> 6;
            if (w < words.length) {
                words[w] &= ~(1L << index);
                if (words[w] == 0) {
                    nonZero[w >>> 6] &= ~(1L << w);
                }
            }
        }
    }

    private static final class Q {
        QueueSpec spec;
        List<SkillRequirement> sortedSkills;
        Lane defaultLane;
        final List<Lane> lanes = new ArrayList<>();
        /** The queue's items (waiting, offered, assigned) in the order they entered it, linked through them. */
        @Nullable
        Item first;

        @Nullable
        Item last;

        /**
         * Round robin: per agent index, the engine sequence number of the agent's last offer from this queue.
         * Kept only while the policy is round robin (an array over all agents for each such queue).
         */
        long @Nullable [] lastOffers;

        double aht;
        int waiting;
        int offered;
        int assigned;

        @SuppressWarnings("NullAway.Init")
        Q(QueueSpec spec) {
            this.spec = spec;
            this.sortedSkills = sorted(spec.requiredSkills());
            this.aht = spec.expectedHandleSeconds();
        }

        void offered(int agentIndex, long sequence) {
            if (spec.policy() != Policy.ROUND_ROBIN) {
                return;
            }
            if (lastOffers == null || agentIndex >= lastOffers.length) {
                lastOffers = lastOffers == null
                        ? new long[Math.max(64, agentIndex + 1)]
                        : Arrays.copyOf(lastOffers, Math.max(agentIndex + 1, lastOffers.length * 2));
            }
            lastOffers[agentIndex] = sequence;
        }

        long lastOffer(int agentIndex) {
            return lastOffers == null || agentIndex >= lastOffers.length ? 0 : lastOffers[agentIndex];
        }

        void link(Item item) {
            item.previous = last;
            item.next = null;
            if (last == null) {
                first = item;
            } else {
                last.next = item;
            }
            last = item;
        }

        void unlink(Item item) {
            if (item.previous == null) {
                first = item.next;
            } else {
                item.previous.next = item.next;
            }
            if (item.next == null) {
                last = item.previous;
            } else {
                item.next.previous = item.previous;
            }
            item.previous = null;
            item.next = null;
        }

        List<Item> list() {
            List<Item> result = new ArrayList<>();
            for (Item item = first; item != null; item = item.next) {
                result.add(item);
            }
            return result;
        }
    }

    private static final class Agent {
        /** Dense number given at definition: the agent's bit in {@link AgentSet}s. */
        final int index;

        AgentSpec spec;
        final int[] cap = new int[Channel.values().length];
        final int[] load = new int[Channel.values().length];
        Presence declared = Presence.OFFLINE;
        Presence shown = Presence.OFFLINE;

        @Nullable
        String reason;

        @Nullable
        String shownReason;

        long since;
        boolean wrapping;
        long wrapEpoch;
        int readyMask;
        // a handful at most (the capacities): lists beat hash sets here
        final List<Item> offered = new ArrayList<>();
        final List<Item> assigned = new ArrayList<>();
        final List<Item> held = new ArrayList<>();

        @SuppressWarnings("unchecked")
        final List<Lane>[] lanes = new List[Channel.values().length];

        /** Per channel, the numbers of {@link #lanes} (the first {@link #laneCount} entries). */
        final int[][] laneNumbers = new int[Channel.values().length][16];

        final int[] laneCount = new int[Channel.values().length];

        Agent(AgentSpec spec, long now, int index) {
            this.index = index;
            this.spec = spec;
            this.since = now;
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new ArrayList<>();
            }
            setSpec(spec);
        }

        void clearLanes() {
            for (int c = 0; c < lanes.length; c++) {
                lanes[c].clear();
                laneCount[c] = 0;
            }
        }

        void setSpec(AgentSpec value) {
            spec = value;
            for (Channel channel : CHANNELS) {
                cap[channel.ordinal()] = value.capacity(channel);
            }
        }

        int total() {
            int sum = 0;
            for (int value : load) {
                sum += value;
            }
            return sum;
        }

        double occupancy() {
            double share = 0;
            for (int c = 0; c < cap.length; c++) {
                if (cap[c] > 0) {
                    share += load[c] / (double) cap[c];
                }
            }
            return share;
        }
    }

    /** A work item; as a heap entry it is in its lane's heap while it waits there. */
    private static final class Item extends IndexedHeap.Entry {
        final String id;
        /** {@code id.hashCode()}, for {@link ItemTable}. */
        final int hash;

        WorkItemSpec spec;
        Q queue;
        Channel channel;
        List<SkillRequirement> skills;

        @Nullable
        String language;

        long enqueued;
        long seq;
        double key;
        int stage;
        ItemState state = ItemState.WAITING;

        @Nullable
        Lane lane;

        @Nullable
        Agent heldFor;

        boolean pinned;

        @Nullable
        Agent agent;

        @Nullable
        Offer offer;

        long assignedAt;
        long queueEpoch;

        /** Neighbours in the queue's list of items ({@link Q#first}). */
        @Nullable
        Item previous;

        @Nullable
        Item next;

        /** The timeout of the open offer: removed from the heap when the offer ends, so none pile up. */
        @Nullable
        Timer offerTimer;

        void endOffer(TimerHeap timers) {
            offer = null;
            if (offerTimer != null) {
                timers.remove(offerTimer);
                offerTimer = null;
            }
        }

        @SuppressWarnings("NullAway.Init")
        Item(String id, WorkItemSpec spec) {
            this.id = id;
            this.hash = id.hashCode();
            this.spec = spec;
        }

        /**
         * The item as given, with its enqueue time. A spec given without one is kept as it was (not copied
         * per enqueue); its time is {@link #enqueued}, which changes only with a new spec (a transfer).
         */
        WorkItemSpec spec() {
            return spec.enqueuedAt() != null ? spec : spec.withEnqueuedAt(instant(enqueued));
        }

        double effective(double nowSeconds) {
            return key + queue.spec.agingPerSecond() * nowSeconds;
        }
    }

    private enum TimerKind {
        OFFER,
        WRAP_UP,
        STAGE,
        HOLD
    }

    static final class Timer extends IndexedHeap.Entry implements Comparable<Timer> {
        final long due;
        final TimerKind kind;
        final @Nullable Item item;
        final @Nullable Agent agent;
        final @Nullable Offer offer;
        final long epoch;
        long seq;

        Timer(long due, TimerKind kind, @Nullable Item item, @Nullable Agent agent, @Nullable Offer offer, long epoch) {
            this.due = due;
            this.kind = kind;
            this.item = item;
            this.agent = agent;
            this.offer = offer;
            this.epoch = epoch;
        }

        @Override
        public int compareTo(Timer other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }
    }
}
