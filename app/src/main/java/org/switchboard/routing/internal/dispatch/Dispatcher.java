package org.switchboard.routing.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AgentProfiles;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.routing.AgentState;
import org.switchboard.routing.CallbackRequested;
import org.switchboard.routing.OfferEnded;
import org.switchboard.routing.PresenceChanged;
import org.switchboard.routing.RoutingEvent;
import org.switchboard.routing.WorkItemAssigned;
import org.switchboard.routing.WorkItemClosed;
import org.switchboard.routing.WorkItemOffered;
import org.switchboard.routing.WorkItemQueued;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Channel;
import org.switchboard.routing.internal.engine.CustomerTier;
import org.switchboard.routing.internal.engine.Offer;
import org.switchboard.routing.internal.engine.OfferRules;
import org.switchboard.routing.internal.engine.OverflowStep;
import org.switchboard.routing.internal.engine.Presence;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.RoutingEngine;
import org.switchboard.routing.internal.engine.SkillRequirement;
import org.switchboard.routing.internal.engine.WorkItemSpec;

/**
 * Live routing: agent presence, the universal queue of work items, offers and their expiry.
 *
 * <p><b>Source of truth.</b> Every change is written to the database first (one transaction, with its
 * {@link RoutingEvent}s), and only after the commit applied to the in-memory state that decisions are
 * made from; the memory is rebuilt from the database at start. So a crash loses nothing: a waiting item is
 * a {@code work_item} row, its place is its (priority, enqueue time, sequence), and an offer open at the
 * crash is withdrawn at the next start (its item waits again in the same place, its agent holds nothing).
 *
 * <p><b>Concurrency.</b> One lock orders every change; the database additionally refuses a second open
 * offer of one item (a unique index), so no item is ever offered to two agents.
 */
@Service
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String MISSED_OFFER = "missed offer";
    static final String DESKTOP_GONE = "desktop disconnected";
    /** The team every queue admits: supervisors may take any queue's work. */
    private static final String SUPERVISORS = "supervisors";
    /** The desktop session of presence changes made without a {@code Switchboard-Desktop} header. */
    public static final String API_DESKTOP = "api";
    /** The {@code via} of a new case's item (its {@code case.created} event). */
    public static final String NEW_CASE = "case.created";

    private final RoutingStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RoutingProperties properties;
    private final Queues queues;
    private final Users users;
    private final AgentProfiles profiles;
    private final Cases cases;
    private final RoutingPush push;

    private final ReentrantLock lock = new ReentrantLock();
    private final Journal journal;
    /** The journal write the current thread's call waits for. */
    private final ThreadLocal<CompletableFuture<Void>> pending = new ThreadLocal<>();
    /** Source events enqueued since start (the database knows the older ones). */
    private final Set<UUID> seenEvents = ConcurrentHashMap.newKeySet();
    /**
     * Work-item sequence numbers reserved from the database's sequence and not yet handed out; items are
     * ordered by them within equal priority and time. Reserving them from the sequence (a block at a
     * time) keeps them unique even when a second instance writes to the same database.
     */
    private final ArrayDeque<Long> reservedSeqs = new ArrayDeque<>();

    private final Map<UserId, Agent> agents = new HashMap<>();
    private final Map<UUID, WorkItem> items = new HashMap<>();
    /** The live items of each case (ids in arrival order), so per-case checks don't scan every live item. */
    private final Map<CaseId, Set<UUID>> itemsOfCase = new HashMap<>();

    private final Map<QueueId, TreeSet<WorkItem>> lines = new HashMap<>();
    /** open offers: offer id to (item, agent, expiry) */
    private final Map<UUID, OpenOffer> offers = new HashMap<>();

    /** The matching decisions: the routing engine, rebuilt from the database at start. */
    private RoutingEngine engine;
    /** Open offer of each offered item. */
    private final Map<UUID, UUID> offerOfItem = new HashMap<>();
    /** Waiting items the engine does not hold while they may not be offered: queue closed, callback not due. */
    private final Set<UUID> parked = new HashSet<>();
    /** Queues the engine knows. */
    private final Set<QueueId> defined = new HashSet<>();
    /** The item a forced assignment is for (its engine event is recorded by the caller). */
    private @Nullable UUID forcing;
    /** The latest time read, to notice a clock set back (the engine's time never goes back). */
    private Instant lastClock = Instant.EPOCH;

    private final Map<QueueId, QueuePolicy> policies = new ConcurrentHashMap<>();
    private final Map<QueueId, QueueRouting> routing = new ConcurrentHashMap<>();
    private final DayFigureCache dayFigures;
    private final Map<QueueId, Queue> queueCache = new ConcurrentHashMap<>();
    private volatile boolean ready;
    private final java.util.concurrent.atomic.AtomicBoolean recovering =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong recoveries = new java.util.concurrent.atomic.AtomicLong();

    Dispatcher(
            RoutingStore store,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            Clock clock,
            RoutingProperties properties,
            Queues queues,
            Users users,
            AgentProfiles profiles,
            Cases cases,
            RoutingPush push,
            Journal journal) {
        this.journal = journal;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.queues = queues;
        this.users = users;
        this.profiles = profiles;
        this.cases = cases;
        this.push = push;
        this.engine = new RoutingEngine(clock, OfferRules.LIVE_DESK);
        this.dayFigures = new DayFigureCache(
                (queue, startOfDay) -> store.figures(queue, startOfDay, properties.serviceLevelSeconds()), clock);
        journal.onRefused(this::recover);
    }

    /**
     * A journal write was refused: memory (and the engine) decided on a state the database does not hold.
     * Reloads both from the database, which withdraws open offers and routes again; concurrent refusals
     * make one reload.
     */
    void recover() {
        if (!recovering.compareAndSet(false, true)) {
            return;
        }
        try {
            log.warn("Routing reloads its state from the database after a refused write");
            recoveries.incrementAndGet();
            rebuild();
        } catch (RuntimeException e) {
            log.error("Routing could not reload its state after a refused write", e);
        } finally {
            recovering.set(false);
        }
    }

    /** How many batches of routing writes the journal had to apply again one by one since start. */
    public long journalReplays() {
        return journal.replays();
    }

    /** How many reloads after refused writes happened since start. */
    public long recoveries() {
        return recoveries.get();
    }

    // ------------------------------------------------------------------ start

    /**
     * Rebuilds the memory and the routing engine from the database: offers open at the last stop are
     * withdrawn (their items wait again, in the same place), assigned items count toward their agents'
     * capacity, waiting items are lined up in their order, and the agents' presence is told to the engine,
     * which then makes the offers due.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void rebuild() {
        journal.flush();
        lock.lock();
        try {
            reload();
        } finally {
            lock.unlock();
            pending.remove(); // reload waited for its writes itself
        }
    }

    /** The rebuild itself, under the lock. */
    private void reload() {
        ready = false;
        agents.clear();
        items.clear();
        itemsOfCase.clear();
        lines.clear();
        offers.clear();
        offerOfItem.clear();
        parked.clear();
        defined.clear();
        queueCache.clear();
        Instant now = clock.instant();
        lastClock = now;
        write(() -> {
            for (OpenOffer offer : store.openOffers()) {
                store.endOffer(offer.offer(), offer.item(), "withdrawn", now);
                store.item(offer.item())
                        .filter(item ->
                                item.status().equals("waiting") || item.status().equals("offered"))
                        .ifPresent(item -> {
                            if (item.status().equals("offered")) {
                                // a row an earlier version wrote while the item was offered
                                store.transition(item.id(), "offered", "waiting", null, now);
                            }
                            publish(new OfferEnded(
                                    Ids.newId(clock),
                                    now,
                                    item.id(),
                                    offer.agent(),
                                    item.queue(),
                                    item.caseId(),
                                    item.channel(),
                                    offer.offer(),
                                    "withdrawn"));
                        });
            }
        });
        journal.flush();
        routing.clear();
        routing.putAll(store.queueRouting());
        policies.clear();
        policies.putAll(store.queuePolicies());
        reservedSeqs.clear();
        seenEvents.clear();
        engine = new RoutingEngine(clock, OfferRules.LIVE_DESK);
        for (Queue queue : queues.list()) {
            if (queue.active()) {
                define(queue.id());
            }
        }
        for (RoutingStore.PresenceRow row : store.presences()) {
            Agent agent = new Agent(row.agent(), row.state(), row.since());
            agent.reason = row.reason();
            agent.desktop = row.desktop();
            agent.lastHeartbeat = row.lastHeartbeat();
            agents.put(agent.id, agent);
            refreshProfile(agent);
        }
        List<WorkItem> waiting = new ArrayList<>();
        for (WorkItem item : store.liveItems()) {
            putItem(item);
            if (item.status().equals("waiting")) {
                line(item.queue()).add(item);
                waiting.add(item);
            } else if (item.agent() != null) {
                Agent agent = agent(item.agent());
                agent.take(item.channel());
                // the engine counts the work toward the agent's capacity: placed, then assigned
                if (define(item.queue())) {
                    try {
                        engine.restore(List.of(spec(item)));
                        engine.forceAssign(item.id().toString(), agent.id.toString());
                    } catch (ConflictException | NotFoundException e) {
                        log.warn(
                                "Assigned work item {} does not fit its agent any more: {}", item.id(), e.getMessage());
                        forgetInEngine(item.id());
                    }
                }
            }
        }
        waiting.sort(WorkItem.LINE);
        List<WorkItemSpec> restored = new ArrayList<>();
        for (WorkItem item : waiting) {
            if (offerable(item, now) && define(item.queue())) {
                restored.add(spec(item));
            } else {
                parked.add(item.id());
            }
        }
        ready = true;
        apply(engine.restore(restored));
        for (Agent agent : agents.values()) {
            tellEngine(agent);
        }
        journal.flush();
        log.info("Routing rebuilt: {} live work items, {} agents with presence", items.size(), agents.size());
    }

    // ------------------------------------------------------------------ presence

    /** An agent's presence as shown and returned by the API. */
    public record AgentView(
            UserId agent,
            String displayName,
            AgentState state,
            @Nullable String reason,
            Instant since,
            Map<String, Integer> load,
            @Nullable UUID openOffer,
            List<WorkItem> work) {}

    public AgentView presence(UserId id) {
        UserSummary user = knownUser(id);
        return locked(() -> view(agents.get(id), user));
    }

    /**
     * Changes an agent's presence.
     *
     * @param desktop the desktop session making the change ({@link #API_DESKTOP} without a header)
     * @throws ConflictException the agent is logged out elsewhere: another desktop session holds the
     *     presence and is alive (heartbeat within the timeout); supervisors changing an agent's state are exempt
     */
    public AgentView setPresence(UserId id, AgentState state, @Nullable String reason, String desktop, Actor actor) {
        UserSummary user = knownUser(id);
        boolean self = actor.id().equals(id);
        if (!self && !actor.isAtLeast(Role.SUPERVISOR)) {
            throw new AccessDeniedException("Only supervisors change another agent's presence");
        }
        return locked(() -> {
            Agent agent = agent(id);
            Instant now = clock.instant();
            if (self && heldElsewhere(agent, desktop, now)) {
                throw new ConflictException("The agent is logged out elsewhere: another desktop session holds the"
                        + " presence; go offline there or wait "
                        + properties.heartbeatTimeout().toSeconds()
                        + " s for its heartbeat to lapse");
            }
            refreshProfile(agent);
            String holder = state == AgentState.OFFLINE ? null : (self ? desktop : agent.desktop);
            agent.wrapUpUntil = null;
            if (self) {
                agent.lastHeartbeat = now;
            }
            // going away or offline withdraws the open offer (the engine reports it), available may bring one
            change(agent, state, reason, self ? id.toString() : actor.id().toString(), holder, now);
            savePresence(agent);
            return view(agent, user);
        });
    }

    /** A desktop is alive; a heartbeat from a desktop that does not hold the presence is a 409 like a change. */
    public void heartbeat(UserId id, String desktop) {
        knownUser(id);
        locked(() -> {
            Agent agent = agent(id);
            Instant now = clock.instant();
            if (heldElsewhere(agent, desktop, now)) {
                throw new ConflictException(
                        "The agent is logged out elsewhere: another desktop session holds the presence");
            }
            agent.lastHeartbeat = now;
            if (agent.state != AgentState.OFFLINE && agent.desktop == null) {
                agent.desktop = desktop;
            }
            savePresence(agent);
            return null;
        });
    }

    private boolean heldElsewhere(Agent agent, String desktop, Instant now) {
        return agent.state != AgentState.OFFLINE
                && agent.desktop != null
                && !agent.desktop.equals(desktop)
                && agent.lastHeartbeat != null
                && agent.lastHeartbeat.plus(properties.heartbeatTimeout()).isAfter(now);
    }

    /** Records a presence change in memory and publishes it; the caller saves the row in its transaction. */
    private void change(
            Agent agent, AgentState state, @Nullable String reason, String by, @Nullable String desktop, Instant now) {
        AgentState from = agent.state;
        boolean changed = from != state || !java.util.Objects.equals(agent.reason, reason);
        agent.desktop = desktop;
        if (!changed) {
            return;
        }
        agent.state = state;
        agent.reason = reason;
        agent.since = now;
        if (state == AgentState.AVAILABLE && agent.totalLoad() == 0) {
            agent.idleSince = now;
        }
        PresenceChanged event = new PresenceChanged(Ids.newId(clock), now, agent.id, from, state, reason, by);
        savePresence(agent);
        write(() -> publish(event));
        pushToAgent(agent.id, "presence", "{\"agent\":\"" + agent.id + "\",\"state\":\"" + state.wire() + "\"}");
        tellEngine(agent);
    }

    /**
     * Tells the engine the agent's presence when its meaning for routing changed: available and busy agents
     * take offers up to their capacity; away, wrap-up and offline ones take none (wrap-up is the
     * dispatcher's, so the engine sees it as away).
     */
    private void tellEngine(Agent agent) {
        Presence presence = switch (agent.state) {
            case AVAILABLE, BUSY -> Presence.AVAILABLE;
            case AWAY, WRAP_UP -> Presence.AWAY;
            case OFFLINE -> Presence.OFFLINE;
        };
        if (presence == agent.told || !ready) {
            return;
        }
        agent.told = presence;
        apply(engine.setPresence(agent.id.toString(), presence, agent.reason));
    }

    // ------------------------------------------------------------------ work items

    /**
     * What enters the universal queue.
     *
     * @param customer the customer the work is for (its last agent is the sticky agent), or null
     * @param preferredAgent the agent offered it first during the queue's sticky window; null: the
     *     customer's last agent when the queue has a sticky window
     */
    public record Entry(
            String kind,
            @Nullable CaseId caseId,
            QueueId queue,
            String channel,
            List<Skill> skills,
            @Nullable String language,
            int priority,
            @Nullable Instant enqueuedAt,
            @Nullable Instant notBefore,
            @Nullable String phone,
            @Nullable String note,
            @Nullable UUID sourceEvent,
            String via,
            @Nullable UUID customer,
            @Nullable UserId preferredAgent) {

        public Entry(
                String kind,
                @Nullable CaseId caseId,
                QueueId queue,
                String channel,
                List<Skill> skills,
                @Nullable String language,
                int priority,
                @Nullable Instant enqueuedAt,
                @Nullable Instant notBefore,
                @Nullable String phone,
                @Nullable String note,
                @Nullable UUID sourceEvent,
                String via) {
            this(
                    kind,
                    caseId,
                    queue,
                    channel,
                    skills,
                    language,
                    priority,
                    enqueuedAt,
                    notBefore,
                    phone,
                    note,
                    sourceEvent,
                    via,
                    null,
                    null);
        }
    }

    /** A queue at its maximum size without an overflow queue refused an item. */
    public static final class QueueFullException extends ConflictException {
        public QueueFullException(String message) {
            super(message);
        }
    }

    /**
     * Enqueues an item; empty when it was enqueued before (same source event, or its case has a live item).
     *
     * @throws QueueFullException the queue holds its maximum of waiting items and has no overflow queue
     */
    public Optional<WorkItem> enqueue(Entry entry) {
        if (entry.sourceEvent() != null && store.eventSeen(entry.sourceEvent())) {
            return Optional.empty();
        }
        UserId preferred = entry.preferredAgent();
        if (preferred == null
                && entry.customer() != null
                && policy(entry.queue()).stickySeconds() > 0) {
            preferred = store.lastAgentOf(entry.customer()).orElse(null);
        }
        UserId sticky = preferred;
        return locked(() -> {
            if (entry.sourceEvent() != null && !seenEvents.add(entry.sourceEvent())) {
                return Optional.<WorkItem>empty();
            }
            if (entry.kind().equals("case")
                    && entry.caseId() != null
                    && itemsOf(entry.caseId()).stream()
                            .anyMatch(w -> (w.kind().equals("case")
                                    // a callback requested with the case (self-service) may be
                                    // enqueued before the case's own event: it stands for both
                                    || (w.kind().equals("callback")
                                            && entry.via().equals(NEW_CASE)
                                            && !w.status().equals("assigned"))))) {
                return Optional.<WorkItem>empty();
            }
            Instant now = clock.instant();
            Instant enqueuedAt = entry.enqueuedAt() == null ? now : entry.enqueuedAt();
            WorkItem item = new WorkItem(
                    Ids.newId(clock),
                    nextSeq(),
                    entry.kind(),
                    entry.caseId(),
                    entry.queue(),
                    entry.channel(),
                    List.copyOf(entry.skills()),
                    entry.language(),
                    entry.priority(),
                    enqueuedAt,
                    entry.notBefore(),
                    "waiting",
                    null,
                    entry.phone(),
                    entry.note(),
                    sticky);
            if (sticky != null) {
                agent(sticky); // the engine knows the agent, whatever its presence
            }
            List<org.switchboard.routing.internal.engine.RoutingEvent> decided = List.of();
            if (offerable(item, now) && define(item.queue())) {
                QueuePolicy policy = policy(item.queue());
                if (policy.overflowQueue() != null) {
                    define(policy.overflowQueue());
                }
                decided = engine.enqueue(spec(item));
                for (var event : decided) {
                    if (event instanceof org.switchboard.routing.internal.engine.RoutingEvent.ItemRejected rejected) {
                        if (entry.sourceEvent() != null) {
                            seenEvents.remove(entry.sourceEvent());
                        }
                        throw new QueueFullException("The queue is full: " + policy.maxWaiting() + " items wait ("
                                + rejected.reason() + ")");
                    }
                    if (event instanceof org.switchboard.routing.internal.engine.RoutingEvent.ItemOverflowed over) {
                        // a full queue sent the item to its overflow queue; it keeps its requirements
                        item = item.inQueue(QueueId.parse(over.toQueue()));
                    }
                }
            } else {
                parked.add(item.id());
            }
            WorkItem queued = item;
            WorkItemQueued event = new WorkItemQueued(
                    Ids.newId(clock),
                    now,
                    queued.id(),
                    null,
                    queued.queue(),
                    queued.caseId(),
                    queued.channel(),
                    queued.kind(),
                    queued.priority(),
                    queued.queue().equals(entry.queue()) ? entry.via() : "overflow");
            write(() -> {
                store.insert(queued, entry.customer(), entry.sourceEvent(), now);
                publish(event);
            });
            putItem(queued);
            line(queued.queue()).add(queued);
            afterCommit(() -> push.toSupervisors("queue", "{\"queue\":\"" + queued.queue() + "\"}"));
            apply(decided);
            return Optional.of(items.get(queued.id()));
        });
    }

    /**
     * Enqueues a requested callback (a {@code voice} item of kind {@code callback}) in place of the case's
     * waiting (or offered) item: it keeps the earlier place in line and the higher priority of the two, and
     * the case item is cancelled. Empty when the request was enqueued before (its id is the source event).
     *
     * @param priority the callback's own effective priority
     * @throws QueueFullException as {@link #enqueue}
     */
    public Optional<WorkItem> requestCallback(
            CallbackRequested request, Queue queue, List<Skill> skills, int priority, @Nullable UUID customer) {
        if (store.eventSeen(request.eventId())) {
            return Optional.empty();
        }
        return locked(() -> {
            if (seenEvents.contains(request.eventId())) {
                return Optional.<WorkItem>empty();
            }
            Instant enqueuedAt = null;
            int effective = priority;
            List<WorkItem> replaced = new ArrayList<>();
            for (WorkItem item : itemsOf(request.caseId())) {
                if (item.kind().equals("case") && !item.status().equals("assigned")) {
                    replaced.add(item);
                    if (enqueuedAt == null || item.enqueuedAt().isBefore(enqueuedAt)) {
                        enqueuedAt = item.enqueuedAt();
                    }
                    effective = Math.max(effective, item.priority());
                }
            }
            Optional<WorkItem> queued = enqueue(new Entry(
                    "callback",
                    request.caseId(),
                    queue.id(),
                    "voice",
                    skills,
                    queue.language(),
                    effective,
                    enqueuedAt,
                    request.notBefore(),
                    request.phone(),
                    null,
                    request.eventId(),
                    request.via(),
                    customer,
                    null));
            // cancelled only once the callback is in: a full queue refuses it and the case keeps its place
            for (WorkItem item : replaced) {
                WorkItem current = items.get(item.id());
                if (current != null && !current.status().equals("assigned")) {
                    cancel(current.id(), "replaced by a callback");
                }
            }
            return queued;
        });
    }

    private void putItem(WorkItem item) {
        if (items.put(item.id(), item) == null && item.caseId() != null) {
            itemsOfCase
                    .computeIfAbsent(item.caseId(), c -> new java.util.LinkedHashSet<>())
                    .add(item.id());
        }
    }

    private void removeItem(WorkItem item) {
        if (items.remove(item.id()) != null && item.caseId() != null) {
            Set<UUID> ofCase = itemsOfCase.get(item.caseId());
            if (ofCase != null && ofCase.remove(item.id()) && ofCase.isEmpty()) {
                itemsOfCase.remove(item.caseId());
            }
        }
    }

    /** A copy of the case's live items, in arrival order: callers may change them while iterating. */
    private List<WorkItem> itemsOf(CaseId caseId) {
        Set<UUID> ids = itemsOfCase.get(caseId);
        if (ids == null) {
            return List.of();
        }
        List<WorkItem> ofCase = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            ofCase.add(items.get(id));
        }
        return ofCase;
    }

    public WorkItem item(UUID id) {
        return locked(() -> Optional.ofNullable(items.get(id)))
                .or(() -> store.item(id))
                .orElseThrow(() -> new NotFoundException("work item", id));
    }

    /** The waiting (and offered) items of a queue in line order. */
    public List<WorkItem> line(QueueId queue, int limit) {
        return locked(() -> {
            // the queue's line holds its waiting items in order; offered ones left it and are merged back
            List<WorkItem> offered = offeredIn(queue);
            TreeSet<WorkItem> waiting = lines.get(queue);
            List<WorkItem> all = new ArrayList<>();
            var next = waiting == null ? java.util.Collections.<WorkItem>emptyIterator() : waiting.iterator();
            WorkItem w = next.hasNext() ? next.next() : null;
            int o = 0;
            while (all.size() < limit && (w != null || o < offered.size())) {
                if (w == null || (o < offered.size() && WorkItem.LINE.compare(offered.get(o), w) < 0)) {
                    all.add(offered.get(o++));
                } else {
                    all.add(w);
                    w = next.hasNext() ? next.next() : null;
                }
            }
            return all;
        });
    }

    /** The queue's items on offer right now, in line order (at most one per agent). */
    private List<WorkItem> offeredIn(QueueId queue) {
        List<WorkItem> offered = new ArrayList<>();
        for (OpenOffer offer : offers.values()) {
            WorkItem item = items.get(offer.item());
            if (item != null && item.queue().equals(queue) && item.status().equals("offered")) {
                offered.add(item);
            }
        }
        offered.sort(WorkItem.LINE);
        return offered;
    }

    /** Cancels a waiting or offered item (the customer hung up, the case was closed). */
    public WorkItem cancel(UUID id, @Nullable String note) {
        return locked(() -> {
            WorkItem item = live(id);
            if (item.status().equals("assigned")) {
                throw new ConflictException("The work item is assigned; its agent completes or transfers it");
            }
            WorkItem current = takeOut(item);
            close(current, "cancelled", note);
            return current.with("cancelled", null);
        });
    }

    /** The agent finished the item; their capacity frees, and they wrap up when the queue has a wrap-up time. */
    public WorkItem complete(UUID id, Actor actor) {
        return locked(() -> {
            WorkItem item = live(id);
            if (!item.status().equals("assigned") || item.agent() == null) {
                throw new ConflictException("The work item is not assigned");
            }
            requireSelfOrSupervisor(item.agent(), actor);
            finish(item, "completed", null);
            return item.with("completed", item.agent());
        });
    }

    /** A case moved to another queue: its waiting (or offered) item moves along and waits there from now. */
    public void caseMoved(CaseId caseId, QueueId toQueue) {
        locked(() -> {
            for (WorkItem item : itemsOf(caseId)) {
                if (item.kind().equals("case")
                        && !item.queue().equals(toQueue)
                        && !item.status().equals("assigned")) {
                    moveTo(item, toQueue, false, null, "case.queue_changed");
                }
            }
            return null;
        });
    }

    /** Completes the assigned item of a case and cancels its waiting one (the case was resolved or closed). */
    public void caseEnded(CaseId caseId) {
        locked(() -> {
            for (WorkItem item : itemsOf(caseId)) {
                if (item.kind().equals("case") && items.containsKey(item.id())) {
                    WorkItem current = items.get(item.id());
                    if (current.status().equals("assigned")) {
                        finish(current, "completed", "case resolved");
                    } else {
                        close(takeOut(current), "cancelled", "case resolved");
                    }
                }
            }
            return null;
        });
    }

    /**
     * Hands an item to another agent (assigned to them directly, within their capacity) or another queue
     * (it waits there, at the end of its priority class), with a note.
     */
    public WorkItem transfer(
            UUID id, @Nullable UserId toAgent, @Nullable QueueId toQueue, @Nullable String note, Actor actor) {
        if ((toAgent == null) == (toQueue == null)) {
            throw new InvalidInputException("agent", "give either agent or queue");
        }
        return locked(() -> {
            WorkItem item = live(id);
            if (item.agent() != null && item.status().equals("assigned")) {
                requireSelfOrSupervisor(item.agent(), actor);
            } else if (!actor.isAtLeast(Role.SUPERVISOR)) {
                throw new AccessDeniedException("Only the assigned agent or a supervisor transfers a work item");
            }
            if (toAgent != null) {
                return assignDirectly(item, toAgent, "transfer", note);
            }
            return moveTo(item, toQueue, false, note, "transfer");
        });
    }

    /** A supervisor moves a waiting item to another queue, or to the head of its line. */
    public WorkItem move(UUID id, @Nullable QueueId toQueue, boolean toFront) {
        return locked(() -> {
            WorkItem item = live(id);
            if (item.status().equals("assigned")) {
                throw new ConflictException("The work item is assigned; transfer it instead");
            }
            return moveTo(item, toQueue == null ? item.queue() : toQueue, toFront, null, "move");
        });
    }

    /**
     * A supervisor assigns a waiting item to an agent, whatever the agent's state and skills, within the
     * agent's capacity on the item's channel (a conflict otherwise: no agent ever holds more).
     */
    public WorkItem forceAssign(UUID id, UserId agent) {
        return locked(() -> assignDirectly(live(id), agent, "force", null));
    }

    /**
     * Takes a waiting or offered item out of routing (its open offer withdrawn): the engine forgets it, and
     * it is returned as it is now (waiting). The caller closes or moves it.
     */
    private WorkItem takeOut(WorkItem item) {
        if (!parked.remove(item.id())) {
            apply(forgetInEngine(item.id()));
        }
        return items.get(item.id());
    }

    /** Removes an item from the engine; nothing when the engine does not hold it. */
    private List<org.switchboard.routing.internal.engine.RoutingEvent> forgetInEngine(UUID id) {
        try {
            return engine.cancel(id.toString());
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /** Ends an assigned item (completed): its agent wraps up first when this was its last work. */
    private void finish(WorkItem item, String outcome, @Nullable String note) {
        Agent agent = item.agent() == null ? null : agents.get(item.agent());
        Instant now = clock.instant();
        if (agent != null
                && agent.totalLoad() == 1
                && agent.state == AgentState.BUSY
                && settings(item.queue()).wrapUpSeconds() > 0) {
            // wrap-up before the engine frees the capacity, so it offers the agent nothing meanwhile
            agent.wrapUpUntil = now.plusSeconds(settings(item.queue()).wrapUpSeconds());
            change(agent, AgentState.WRAP_UP, null, "system", agent.desktop, now);
        }
        try {
            apply(engine.complete(item.id().toString(), false));
        } catch (NotFoundException | ConflictException notHeld) {
            // an item the engine does not hold (it did not fit its agent at a rebuild)
        }
        close(item, outcome, note);
    }

    private WorkItem moveTo(WorkItem item, QueueId toQueue, boolean toFront, @Nullable String note, String via) {
        WorkItem current;
        if (item.status().equals("assigned")) {
            apply(forgetInEngine(item.id()));
            current = items.get(item.id());
        } else {
            current = takeOut(item);
        }
        Instant now = clock.instant();
        int priority = current.priority();
        Instant enqueuedAt = now;
        if (toFront) {
            // ahead of everything now waiting in the line: the highest priority there, and earliest time
            TreeSet<WorkItem> line = line(toQueue);
            line.remove(current);
            priority =
                    line.isEmpty() ? priority : Math.max(priority, line.first().priority());
            enqueuedAt = line.isEmpty() ? now : line.first().enqueuedAt().minusMillis(1);
        }
        List<Skill> skills = current.skills();
        String language = current.language();
        Queue from = queue(current.queue());
        Queue target = queue(toQueue);
        if (!toQueue.equals(current.queue()) && target != null) {
            // another queue: its required skills, language and base priority apply from now on
            skills = WorkIntake.skills(target);
            language = target.language();
            priority += target.basePriority() - (from == null ? 0 : from.basePriority());
        }
        int newPriority = priority;
        Instant newEnqueuedAt = enqueuedAt;
        List<Skill> newSkills = skills;
        String newLanguage = language;
        long seq = nextSeq();
        WorkItemQueued event = new WorkItemQueued(
                Ids.newId(clock),
                now,
                current.id(),
                current.agent(),
                toQueue,
                current.caseId(),
                current.channel(),
                current.kind(),
                newPriority,
                via);
        write(() -> {
            if (!store.move(
                    current.id(), toQueue, newSkills, newLanguage, newPriority, newEnqueuedAt, note, seq, now)) {
                throw new ConflictException("The work item changed meanwhile");
            }
            publish(event);
        });
        if (current.status().equals("assigned") && current.agent() != null) {
            agentReleases(agents.get(current.agent()), current, now);
        }
        line(current.queue()).remove(current);
        WorkItem moved = current.movedTo(toQueue, newSkills, newLanguage, newPriority, newEnqueuedAt, seq, note);
        putItem(moved);
        line(toQueue).add(moved);
        pushToSupervisors("queue", "{\"queue\":\"" + toQueue + "\"}");
        place(moved, now);
        return moved;
    }

    /** A waiting item goes to the engine (which routes it at once), or is parked while it may not be offered. */
    private void place(WorkItem item, Instant now) {
        if (offerable(item, now) && define(item.queue())) {
            apply(engine.restore(List.of(spec(item))));
        } else {
            parked.add(item.id());
        }
    }

    private WorkItem assignDirectly(WorkItem item, UserId to, String how, @Nullable String note) {
        knownUser(to);
        Agent target = agent(to);
        Instant now = clock.instant();
        boolean wasParked = parked.remove(item.id());
        if (wasParked && !define(item.queue())) {
            parked.add(item.id());
            throw new ConflictException("The work item's queue is no longer active");
        }
        UserId previous = item.status().equals("assigned") ? item.agent() : null;
        if (previous != null) {
            // the engine assigns only waiting or offered items: release it from its agent first
            apply(forgetInEngine(item.id()));
        }
        if (wasParked || previous != null) {
            // its events are not carried out: the assignment below withdraws any offer the engine made
            engine.restore(List.of(spec(item)));
        }
        List<org.switchboard.routing.internal.engine.RoutingEvent> decided;
        try {
            decided = engine.forceAssign(item.id().toString(), to.toString());
        } catch (ConflictException full) {
            if (wasParked) {
                apply(forgetInEngine(item.id()));
                parked.add(item.id());
            } else if (previous != null) {
                // back to the agent who had it
                try {
                    apply(engine.forceAssign(item.id().toString(), previous.toString()));
                } catch (ConflictException | NotFoundException e) {
                    apply(forgetInEngine(item.id()));
                }
            }
            throw new ConflictException("The agent has no free " + item.channel() + " capacity");
        }
        UUID openOffer = offerOfItem.get(item.id());
        if (openOffer != null && to.equals(item.agent())) {
            // the engine turned its offer to this very agent into the assignment
            endOffer(openOffer, "withdrawn", false);
        }
        forcing = item.id();
        try {
            apply(decided);
        } finally {
            forcing = null;
        }
        WorkItem current = items.get(item.id());
        String from = stored(current.status());
        write(() -> {
            if (!store.transition(current.id(), from, "assigned", to, now)) {
                throw new ConflictException("The work item changed meanwhile");
            }
            assignCase(current, to);
            publish(new WorkItemAssigned(
                    Ids.newId(clock),
                    now,
                    current.id(),
                    to,
                    current.queue(),
                    current.caseId(),
                    current.channel(),
                    how,
                    Duration.between(current.enqueuedAt(), now).toMillis()));
        });
        if (from.equals("assigned") && current.agent() != null) {
            agentReleases(agents.get(current.agent()), current, now);
        }
        line(current.queue()).remove(current);
        WorkItem assigned = current.with("assigned", to);
        if (note != null) {
            assigned = assigned.withNote(note);
        }
        putItem(assigned);
        target.take(current.channel());
        if (target.state == AgentState.AVAILABLE) {
            change(target, AgentState.BUSY, null, "system", target.desktop, now);
        }
        pushToAgent(to, "work", "{\"workItem\":\"" + current.id() + "\"}");
        pushToSupervisors("queue", "{\"queue\":\"" + current.queue() + "\"}");
        return assigned;
    }

    // ------------------------------------------------------------------ offers

    /** The agent accepts: the item is assigned to them, and so are its case and interaction. */
    public WorkItem accept(UUID offerId, Actor actor) {
        return locked(() -> {
            OpenOffer offer = openOffer(offerId);
            requireSelfOrSupervisor(offer.agent(), actor);
            WorkItem item = items.get(offer.item());
            List<org.switchboard.routing.internal.engine.RoutingEvent> decided;
            try {
                decided = engine.accept(item.id().toString(), offer.agent().toString());
            } catch (ConflictException | NotFoundException e) {
                throw new ConflictException("The offer ended meanwhile");
            }
            Instant now = clock.instant();
            write(() -> {
                if (!store.endOffer(offerId, item.id(), "accepted", now)
                        // the row of an offered item is "waiting" (see stored)
                        || !store.transition(item.id(), "waiting", "assigned", offer.agent(), now)) {
                    throw new ConflictException("The offer ended meanwhile");
                }
                assignCase(item, offer.agent());
                publish(new WorkItemAssigned(
                        Ids.newId(clock),
                        now,
                        item.id(),
                        offer.agent(),
                        item.queue(),
                        item.caseId(),
                        item.channel(),
                        "offer",
                        Duration.between(item.enqueuedAt(), now).toMillis()));
            });
            offers.remove(offerId);
            offerOfItem.remove(item.id());
            Agent agent = agents.get(offer.agent());
            agent.openOffer = null;
            WorkItem assigned = item.with("assigned", offer.agent());
            putItem(assigned);
            if (agent.state == AgentState.AVAILABLE) {
                change(agent, AgentState.BUSY, null, "system", agent.desktop, now);
            }
            pushToAgent(agent.id, "work", "{\"workItem\":\"" + item.id() + "\"}");
            pushToSupervisors("queue", "{\"queue\":\"" + item.queue() + "\"}");
            // the agent may take more now that its offer is answered
            apply(decided);
            return assigned;
        });
    }

    /** The agent declines: the item is back in its place and the agent turns away ("missed offer"). */
    public WorkItem decline(UUID offerId, Actor actor) {
        return locked(() -> {
            OpenOffer offer = openOffer(offerId);
            requireSelfOrSupervisor(offer.agent(), actor);
            try {
                apply(engine.decline(offer.item().toString(), offer.agent().toString()));
            } catch (ConflictException | NotFoundException e) {
                throw new ConflictException("The offer ended meanwhile");
            }
            return items.get(offer.item());
        });
    }

    /** The open offer of an agent, if any. */
    public Optional<OpenOffer> offerOf(UserId agent) {
        return locked(() ->
                offers.values().stream().filter(o -> o.agent().equals(agent)).findFirst());
    }

    private OpenOffer openOffer(UUID id) {
        OpenOffer offer = offers.get(id);
        if (offer == null) {
            throw new NotFoundException("offer", id);
        }
        return offer;
    }

    /** Ends an open offer; the item waits again in its place. A missed offer turns the agent away. */
    private void endOffer(UUID offerId, String outcome, boolean agentMissed) {
        OpenOffer offer = offers.remove(offerId);
        if (offer == null) {
            return;
        }
        WorkItem item = items.get(offer.item());
        offerOfItem.remove(item.id());
        Agent agent = agents.get(offer.agent());
        Instant now = clock.instant();
        write(() -> {
            store.endOffer(offerId, item.id(), outcome, now); // the item's row never left "waiting" (see stored)
            publish(new OfferEnded(
                    Ids.newId(clock),
                    now,
                    item.id(),
                    offer.agent(),
                    item.queue(),
                    item.caseId(),
                    item.channel(),
                    offerId,
                    outcome));
        });
        WorkItem waiting = item.with("waiting", null);
        putItem(waiting);
        line(item.queue()).add(waiting);
        agent.openOffer = null;
        agent.release(item.channel());
        if (agentMissed) {
            // the engine turned the agent away already
            agent.told = Presence.AWAY;
            change(agent, AgentState.AWAY, MISSED_OFFER, "system", agent.desktop, now);
        }
        pushToAgent(agent.id, "offer", "{\"offer\":\"" + offerId + "\",\"outcome\":\"" + outcome + "\"}");
    }

    // ------------------------------------------------------------------ the engine's decisions

    /**
     * Carries out what the routing engine decided, in its order: each offer, auto-assignment and ended
     * offer becomes journal writes (committed before anyone is told), memory and pushes. The engine's
     * presence changes are not copied: the dispatcher keeps the presence (busy, wrap-up) and tells the
     * engine what it means for routing.
     */
    private void apply(List<org.switchboard.routing.internal.engine.RoutingEvent> decided) {
        for (var event : decided) {
            switch (event) {
                case org.switchboard.routing.internal.engine.RoutingEvent.OfferMade made -> offered(made.offer());
                case org.switchboard.routing.internal.engine.RoutingEvent.OfferDeclined declined ->
                    ended(declined.offer(), "declined", true);
                case org.switchboard.routing.internal.engine.RoutingEvent.OfferExpired expired ->
                    ended(expired.offer(), "expired", true);
                case org.switchboard.routing.internal.engine.RoutingEvent.OfferWithdrawn withdrawn ->
                    ended(withdrawn.offer(), "withdrawn", false);
                case org.switchboard.routing.internal.engine.RoutingEvent.ItemAssigned assigned -> {
                    if (!assigned.offered() && !UUID.fromString(assigned.item()).equals(forcing)) {
                        autoAssigned(assigned);
                    }
                }
                default -> {
                    // queued, released and presence changes: the dispatcher records those itself
                }
            }
        }
    }

    private void offered(Offer offer) {
        WorkItem item = items.get(UUID.fromString(offer.item()));
        Agent agent = agents.get(UserId.parse(offer.agent()));
        if (item == null || agent == null || !item.status().equals("waiting")) {
            log.warn("The routing engine offered {} which is not waiting here; withdrawn", offer.item());
            return;
        }
        UUID offerId = Ids.newId(clock);
        Instant now = offer.offeredAt();
        Instant expires = offer.expiresAt();
        write(() -> {
            // the row stays "waiting" (see stored); the open offer row is the record of the offer
            if (!store.insertOffer(offerId, item.id(), agent.id, now, expires)) {
                throw new IllegalStateException("work item " + item.id() + " is not waiting");
            }
            publish(new WorkItemOffered(
                    Ids.newId(clock),
                    now,
                    item.id(),
                    agent.id,
                    item.queue(),
                    item.caseId(),
                    item.channel(),
                    offerId,
                    expires));
        });
        line(item.queue()).remove(item);
        putItem(item.with("offered", agent.id));
        offers.put(offerId, new OpenOffer(offerId, item.id(), agent.id, expires));
        offerOfItem.put(item.id(), offerId);
        agent.openOffer = offerId;
        agent.take(item.channel());
        pushToAgent(
                agent.id,
                "offer",
                "{\"offer\":\"" + offerId + "\",\"workItem\":\"" + item.id() + "\",\"caseId\":"
                        + (item.caseId() == null ? "null" : "\"" + item.caseId() + "\"") + ",\"expiresAt\":\""
                        + expires + "\"}");
    }

    private void ended(Offer offer, String outcome, boolean agentMissed) {
        UUID offerId = offerOfItem.get(UUID.fromString(offer.item()));
        if (offerId != null) {
            endOffer(offerId, outcome, agentMissed);
        }
    }

    /** An auto-assign queue's item went straight to an agent. */
    private void autoAssigned(org.switchboard.routing.internal.engine.RoutingEvent.ItemAssigned assigned) {
        WorkItem item = items.get(UUID.fromString(assigned.item()));
        UserId to = UserId.parse(assigned.agent());
        if (item == null || !item.status().equals("waiting")) {
            return;
        }
        Agent agent = agent(to);
        Instant now = assigned.at();
        write(() -> {
            if (!store.transition(item.id(), "waiting", "assigned", to, now)) {
                throw new ConflictException("The work item changed meanwhile");
            }
            assignCase(item, to);
            publish(new WorkItemAssigned(
                    Ids.newId(clock),
                    now,
                    item.id(),
                    to,
                    item.queue(),
                    item.caseId(),
                    item.channel(),
                    "auto",
                    Duration.between(item.enqueuedAt(), now).toMillis()));
        });
        line(item.queue()).remove(item);
        putItem(item.with("assigned", to));
        agent.take(item.channel());
        if (agent.state == AgentState.AVAILABLE) {
            change(agent, AgentState.BUSY, null, "system", agent.desktop, now);
        }
        pushToAgent(to, "work", "{\"workItem\":\"" + item.id() + "\"}");
        pushToSupervisors("queue", "{\"queue\":\"" + item.queue() + "\"}");
    }

    /** Whether a waiting item may be offered now: its queue is open and a scheduled callback is due. */
    private boolean offerable(WorkItem item, Instant now) {
        return (item.notBefore() == null || !item.notBefore().isAfter(now))
                && settings(item.queue()).openAt(now);
    }

    /**
     * Makes sure the engine knows the queue (defined from the queue, its settings and its policy); false
     * when the queue does not exist.
     */
    private boolean define(QueueId id) {
        if (defined.contains(id)) {
            return true;
        }
        QueueSpec spec = queueSpec(id);
        if (spec == null) {
            return false;
        }
        defined.add(id);
        QueuePolicy policy = policy(id);
        // the queues a policy points at must be known first
        if (policy.overflowQueue() != null) {
            define(policy.overflowQueue());
        }
        for (QueuePolicy.Step step : policy.overflowSteps()) {
            for (String other : step.addQueues()) {
                define(QueueId.parse(other));
            }
        }
        apply(engine.defineQueue(spec));
        return true;
    }

    /** Tells the engine a queue's changed settings or policy. */
    private void redefine(QueueId id) {
        if (!defined.contains(id)) {
            define(id);
            return;
        }
        QueueSpec spec = queueSpec(id);
        if (spec != null) {
            apply(engine.defineQueue(spec));
        }
    }

    private @Nullable QueueSpec queueSpec(QueueId id) {
        Queue queue = queue(id);
        if (queue == null) {
            return null;
        }
        QueueRouting settings = settings(id);
        QueuePolicy policy = policy(id);
        List<OverflowStep> steps = new ArrayList<>();
        for (QueuePolicy.Step step : policy.overflowSteps()) {
            steps.add(new OverflowStep(
                    step.afterSeconds(), step.relaxProficiencyBy(), step.addTeams(), step.addQueues()));
        }
        // The item's own skills, language and priority (queue base + case + tier, computed at intake) are
        // what the engine sees; the queue adds its policy, team, timers and limits. Wrap-up is the
        // dispatcher's (the engine sees a wrapping agent as away).
        return QueueSpec.of(id.toString(), Channel.EMAIL)
                .withPolicy(policy.policy())
                .withAging(policy.agingPerSecond())
                .withTeams(Set.of(queue.team().toString(), SUPERVISORS))
                .withOverflow(steps)
                .withSticky(policy.stickySeconds())
                .withMaxWaiting(
                        policy.maxWaiting() == null ? Integer.MAX_VALUE : policy.maxWaiting(),
                        policy.overflowQueue() == null || policy.overflowQueue().equals(id)
                                ? null
                                : policy.overflowQueue().toString())
                .withOfferTimeout(settings.offerSeconds())
                .withAutoAssign(settings.autoAssign())
                .withWrapUp(0);
    }

    /** The engine's view of a work item. */
    private static WorkItemSpec spec(WorkItem item) {
        return WorkItemSpec.of(item.id().toString(), item.queue().toString())
                .withChannel(Channel.fromWire(item.channel()))
                .withSkills(item.skills().stream()
                        .map(s -> new SkillRequirement(s.skill().toLowerCase(Locale.ROOT), s.minProficiency()))
                        .toList())
                .withLanguage(item.language() == null ? null : item.language().toLowerCase(Locale.ROOT))
                .withPriority(item.priority(), CustomerTier.STANDARD)
                .withPreferredAgent(
                        item.preferredAgent() == null
                                ? null
                                : item.preferredAgent().toString())
                .withEnqueuedAt(item.enqueuedAt());
    }

    /** The engine's view of an agent: the profile's skills, languages and capacities, the agent's teams. */
    private static AgentSpec agentSpec(Agent agent) {
        Map<String, Integer> skills = new HashMap<>();
        List<String> languages = List.of();
        if (agent.profile != null) {
            agent.profile.skills().forEach((skill, level) -> {
                if (level != null && level >= 1) {
                    skills.put(skill.toLowerCase(Locale.ROOT), Math.min(level, 10));
                }
            });
            languages = agent.profile.languages();
        }
        Set<String> teams = new HashSet<>();
        agent.teams.forEach(team -> teams.add(team.toString()));
        if (agent.supervisor) {
            teams.add(SUPERVISORS);
        }
        Map<Channel, Integer> capacity = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            capacity.put(channel, Math.max(0, agent.capacity(channel.wire())));
        }
        return new AgentSpec(
                agent.id.toString(),
                skills,
                languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
                teams,
                capacity);
    }

    /** Brings parked items whose time came into the engine, and parks waiting items of queues that closed. */
    private void reviewParking(Instant now) {
        if (!parked.isEmpty()) {
            List<WorkItem> due = new ArrayList<>();
            for (UUID id : parked) {
                WorkItem item = items.get(id);
                if (item != null && item.status().equals("waiting") && offerable(item, now) && define(item.queue())) {
                    due.add(item);
                }
            }
            if (!due.isEmpty()) {
                due.sort(WorkItem.LINE);
                due.forEach(item -> parked.remove(item.id()));
                apply(engine.restore(due.stream().map(Dispatcher::spec).toList()));
            }
        }
        Set<QueueId> closed = new HashSet<>();
        routing.forEach((queue, settings) -> {
            if (settings.hasHours() && !settings.openAt(now)) {
                closed.add(queue);
            }
        });
        if (!closed.isEmpty()) {
            for (WorkItem item : items.values()) {
                if (closed.contains(item.queue()) && item.status().equals("waiting") && parked.add(item.id())) {
                    apply(forgetInEngine(item.id()));
                }
            }
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * Time-driven routing: the engine's deadlines (offer expiry, overflow steps, sticky windows), wrap-up
     * limits, lapsed heartbeats, scheduled callbacks coming due and queues opening or closing.
     */
    @Scheduled(fixedRateString = "${switchboard.routing.sweep-interval:1s}")
    public void sweep() {
        if (!ready) {
            return;
        }
        locked(() -> {
            Instant now = clock.instant();
            if (lastClock.isAfter(now.plusSeconds(1))) {
                // a call read the clock ahead (a test backdating into the future): time goes on from now
                engine.resetTime();
            }
            lastClock = now;
            apply(engine.advance());
            for (Agent agent : agents.values()) {
                if (agent.wrapUpUntil != null && !agent.wrapUpUntil.isAfter(now) && agent.state == AgentState.WRAP_UP) {
                    agent.wrapUpUntil = null;
                    change(agent, AgentState.AVAILABLE, null, "system", agent.desktop, now);
                }
                // a desktop session must beat; the API session (integrations without a desktop) need not
                if (agent.state != AgentState.OFFLINE
                        && agent.desktop != null
                        && !agent.desktop.equals(API_DESKTOP)
                        && (agent.lastHeartbeat == null
                                || agent.lastHeartbeat
                                        .plus(properties.heartbeatTimeout())
                                        .isBefore(now))) {
                    if (agent.state != AgentState.AWAY) {
                        // turning away withdraws the open offer (the engine reports it)
                        change(agent, AgentState.AWAY, DESKTOP_GONE, "system", null, now);
                    } else {
                        agent.desktop = null;
                        savePresence(agent);
                    }
                }
            }
            reviewParking(now);
            return null;
        });
        push.heartbeat();
    }

    // ------------------------------------------------------------------ views

    /** Every agent with a presence row or live work, for the supervisor view. */
    public List<AgentView> agents() {
        return locked(() -> {
            Map<UserId, UserSummary> names = users.findAll(agents.keySet());
            return agents.values().stream()
                    .map(a -> view(a, names.get(a.id)))
                    .sorted(Comparator.comparing(AgentView::displayName, String.CASE_INSENSITIVE_ORDER))
                    .toList();
        });
    }

    /** The position (1 = next) and estimated wait of a waiting item. */
    public record Position(int position, long estimatedWaitSeconds) {}

    public Position position(UUID id) {
        WorkItem item = item(id);
        if (!item.status().equals("waiting") && !item.status().equals("offered")) {
            return new Position(0, 0);
        }
        int position = locked(() -> {
            TreeSet<WorkItem> waiting = lines.get(item.queue());
            int ahead = waiting == null ? 0 : waiting.headSet(item, false).size();
            for (WorkItem offered : offeredIn(item.queue())) {
                if (WorkItem.LINE.compare(offered, item) < 0) {
                    ahead++;
                }
            }
            return 1 + ahead;
        });
        double mean = meanHandleSeconds(item.queue());
        double handle = mean > 0 ? mean : properties.defaultHandleTime().toSeconds();
        int serving = Math.max(1, serving(item.queue()));
        return new Position(position, Math.round(Math.ceil(position * handle / serving)));
    }

    /** Today's mean handle time of a queue (at most a few seconds old, see {@link DayFigureCache}). */
    private double meanHandleSeconds(QueueId id) {
        return dayFigures.get(id, settings(id).timeZone()).meanHandleSeconds();
    }

    /** Agents of the queue who are serving: available, busy or wrapping up (as the statistics count them). */
    private int serving(QueueId id) {
        Queue queue = queue(id);
        if (queue == null) {
            return 0;
        }
        return locked(() -> {
            int serving = 0;
            for (Agent agent : agents.values()) {
                if ((agent.supervisor || agent.teams.contains(queue.team()))
                        && (agent.state == AgentState.AVAILABLE
                                || agent.state == AgentState.BUSY
                                || agent.state == AgentState.WRAP_UP)) {
                    serving++;
                }
            }
            return serving;
        });
    }

    /**
     * A queue's live figures.
     *
     * @param serviceLevel today's answered within the threshold / (answered + abandoned), 1 when none yet
     */
    public record QueueStats(
            QueueId queue,
            String name,
            int waiting,
            long longestWaitSeconds,
            int available,
            int busy,
            int away,
            double serviceLevel,
            int serviceLevelSeconds,
            double meanHandleSeconds,
            boolean open) {}

    public QueueStats stats(QueueId id) {
        Queue queue = queue(id);
        if (queue == null) {
            throw new NotFoundException("queue", id);
        }
        Instant now = clock.instant();
        QueueRouting settings = settings(id);
        int[] counts = locked(() -> {
            int[] c = new int[5];
            // the queue's own line and open offers, not every live item of every queue
            TreeSet<WorkItem> waiting = lines.get(id);
            List<WorkItem> offered = offeredIn(id);
            Instant oldest = now;
            if (waiting != null) {
                for (WorkItem item : waiting) {
                    oldest = item.enqueuedAt().isBefore(oldest) ? item.enqueuedAt() : oldest;
                }
            }
            for (WorkItem item : offered) {
                oldest = item.enqueuedAt().isBefore(oldest) ? item.enqueuedAt() : oldest;
            }
            c[0] = (waiting == null ? 0 : waiting.size()) + offered.size();
            c[1] = (int) Math.max(0, Duration.between(oldest, now).toSeconds());
            for (Agent agent : agents.values()) {
                if (!(agent.supervisor || agent.teams.contains(queue.team()))) {
                    continue;
                }
                switch (agent.state) {
                    case AVAILABLE -> c[2]++;
                    case BUSY, WRAP_UP -> c[3]++;
                    case AWAY -> c[4]++;
                    default -> {}
                }
            }
            return c;
        });
        RoutingStore.DayFigures day = dayFigures.get(id, settings.timeZone());
        long offered = day.answered() + day.abandoned();
        double serviceLevel = offered == 0 ? 1.0 : (double) day.answeredInTime() / offered;
        return new QueueStats(
                id,
                queue.name(),
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                counts[4],
                serviceLevel,
                properties.serviceLevelSeconds(),
                day.meanHandleSeconds(),
                settings.openAt(now));
    }

    public QueueRouting settings(QueueId queue) {
        return routing.getOrDefault(queue, QueueRouting.DEFAULT);
    }

    /** Saves a queue's settings and hours; a queue that opens routes its waiting items at once. */
    public QueueRouting saveSettings(QueueId queue, QueueRouting settings) {
        return locked(() -> {
            write(() -> store.saveQueueRouting(queue, settings));
            routing.put(queue, settings);
            dayFigures.forget(queue); // its day may start at another time now
            redefine(queue);
            reviewParking(clock.instant());
            return settings;
        });
    }

    /** A queue's routing policy (the default one until an admin sets it). */
    public QueuePolicy policy(QueueId queue) {
        return policies.getOrDefault(queue, QueuePolicy.DEFAULT);
    }

    /** Saves a queue's routing policy; it applies at once, to the items waiting too. */
    public QueuePolicy savePolicy(QueueId queue, QueuePolicy policy) {
        return locked(() -> {
            write(() -> store.saveQueuePolicy(queue, policy));
            policies.put(queue, policy);
            if (policy.overflowQueue() != null) {
                define(policy.overflowQueue());
            }
            for (QueuePolicy.Step step : policy.overflowSteps()) {
                for (String other : step.addQueues()) {
                    define(QueueId.parse(other));
                }
            }
            redefine(queue);
            return policy;
        });
    }

    /** The queue's record (cached; queues change rarely and a rename does not matter to matching). */
    public @Nullable Queue queue(QueueId id) {
        Queue cached = queueCache.get(id);
        if (cached != null) {
            return cached;
        }
        Optional<Queue> found = queues.queue(id.toString());
        found.ifPresent(q -> queueCache.put(id, q));
        return found.orElse(null);
    }

    // ------------------------------------------------------------------ helpers

    private AgentView view(@Nullable Agent agent, @Nullable UserSummary user) {
        String name = user == null ? "" : user.displayName();
        if (agent == null) {
            return new AgentView(user.id(), name, AgentState.OFFLINE, null, Instant.EPOCH, Map.of(), null, List.of());
        }
        List<WorkItem> work = items.values().stream()
                .filter(w -> agent.id.equals(w.agent()) && w.status().equals("assigned"))
                .sorted(WorkItem.LINE)
                .toList();
        return new AgentView(
                agent.id, name, agent.state, agent.reason, agent.since, Map.copyOf(agent.load), agent.openOffer, work);
    }

    /**
     * The status an item's row holds for its status here. "Offered" lives in memory only: the row of an
     * offered item stays "waiting" and its open {@code offer} row records the offer, which spares every
     * routed item one update of its row (a restart withdraws open offers either way).
     */
    private static String stored(String status) {
        return status.equals("offered") ? "waiting" : status;
    }

    private void close(WorkItem item, String outcome, @Nullable String note) {
        Instant now = clock.instant();
        write(() -> {
            if (!store.transition(item.id(), stored(item.status()), outcome, item.agent(), now)) {
                throw new ConflictException("The work item changed meanwhile");
            }
            publish(new WorkItemClosed(
                    Ids.newId(clock),
                    now,
                    item.id(),
                    item.agent(),
                    item.queue(),
                    item.caseId(),
                    item.channel(),
                    outcome,
                    note));
        });
        removeItem(item);
        line(item.queue()).remove(item);
        if (item.status().equals("assigned") && item.agent() != null) {
            agentReleases(agents.get(item.agent()), item, now);
        }
        pushToSupervisors("queue", "{\"queue\":\"" + item.queue() + "\"}");
    }

    /** An agent's work ended: with no work left a busy agent wraps up (if the queue asks) or is available. */
    private void agentReleases(@Nullable Agent agent, WorkItem item, Instant now) {
        if (agent == null) {
            return;
        }
        agent.release(item.channel());
        if (agent.totalLoad() == 0 && agent.state == AgentState.BUSY) {
            agent.idleSince = now;
            int wrapUp = settings(item.queue()).wrapUpSeconds();
            if (wrapUp > 0) {
                change(agent, AgentState.WRAP_UP, null, "system", agent.desktop, now);
                agent.wrapUpUntil = now.plusSeconds(wrapUp);
            } else {
                change(agent, AgentState.AVAILABLE, null, "system", agent.desktop, now);
            }
        }
        pushToAgent(agent.id, "work", "{}");
    }

    /** The case and its active interactions become the agent's (in the journal's transaction). */
    private void assignCase(WorkItem item, UserId agent) {
        if (item.caseId() != null) {
            cases.change(item.caseId(), CaseChange.assign(agent), null, null);
            cases.assignInteractions(item.caseId(), agent);
        }
    }

    private WorkItem live(UUID id) {
        WorkItem item = items.get(id);
        if (item == null) {
            throw store.item(id).isPresent()
                    ? new ConflictException("The work item is no longer live")
                    : new NotFoundException("work item", id);
        }
        return item;
    }

    private TreeSet<WorkItem> line(QueueId queue) {
        return lines.computeIfAbsent(queue, q -> new TreeSet<>(WorkItem.LINE));
    }

    private Agent agent(UserId id) {
        return agents.computeIfAbsent(id, key -> {
            Agent agent = new Agent(key, AgentState.OFFLINE, clock.instant());
            refreshProfile(agent);
            return agent;
        });
    }

    private void refreshProfile(Agent agent) {
        agent.profile = profiles.profile(agent.id).orElse(null);
        agent.teams = users.teamsOf(agent.id);
        agent.supervisor =
                users.find(agent.id).map(u -> u.role().atLeast(Role.SUPERVISOR)).orElse(false);
        AgentSpec spec = agentSpec(agent);
        if (!spec.equals(agent.spec)) {
            agent.spec = spec;
            apply(engine.defineAgent(spec));
        }
    }

    private UserSummary knownUser(UserId id) {
        return users.find(id).filter(UserSummary::active).orElseThrow(() -> new NotFoundException("agent", id));
    }

    private static void requireSelfOrSupervisor(UserId agent, Actor actor) {
        if (!actor.id().equals(agent) && !actor.isAtLeast(Role.SUPERVISOR)) {
            throw new AccessDeniedException("This is another agent's work");
        }
    }

    private void publish(RoutingEvent event) {
        events.publishEvent(event);
    }

    /** Appends database work to the journal; the calling API request waits for its commit. */
    private void write(Runnable work) {
        CompletableFuture<Void> written = journal.write(work);
        CompletableFuture<Void> earlier = pending.get();
        // the call waits for all its writes: one refused fails it
        pending.set(earlier == null ? written : CompletableFuture.allOf(earlier, written));
    }

    private void afterCommit(Runnable action) {
        journal.afterCommit(action);
    }

    private void pushToAgent(UserId agent, String event, String json) {
        journal.afterCommit(() -> push.toAgent(agent, event, json));
    }

    private void pushToSupervisors(String event, String json) {
        journal.afterCommit(() -> push.toSupervisors(event, json));
    }

    /** The agent's presence row as it is now (the journal writes it later). */
    private void savePresence(Agent agent) {
        RoutingStore.PresenceRow row = new RoutingStore.PresenceRow(
                agent.id, agent.state, agent.reason, agent.desktop, agent.since, agent.lastHeartbeat);
        write(() -> store.savePresence(row));
    }

    /**
     * Runs {@code action} under the lock; the outermost call then waits, outside the lock, until the
     * journal committed what the action wrote, so an API answer is never ahead of the database.
     */
    private <T> T locked(Supplier<T> action) {
        lock.lock();
        T result;
        try {
            Instant now = clock.instant();
            if (now.isAfter(lastClock)) {
                lastClock = now;
            }
            result = action.get();
        } finally {
            lock.unlock();
        }
        if (!lock.isHeldByCurrentThread()) {
            CompletableFuture<Void> written = pending.get();
            if (written != null) {
                pending.remove();
                try {
                    written.get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException refused) {
                    throw new ConflictException("A routing decision could not be stored (the data changed"
                            + " meanwhile); routing reloads its state from the database: try again");
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Routing could not write its decision", e);
                }
            }
        }
        return result;
    }

    private long nextSeq() {
        if (reservedSeqs.isEmpty()) {
            reservedSeqs.addAll(store.reserveSeqs(64));
        }
        return reservedSeqs.removeFirst();
    }
}
