package org.switchboard.routing.internal.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;
import org.switchboard.routing.AgentState;
import org.switchboard.routing.internal.engine.Policy;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL of routing's live state: presence, work items, offers, queue settings and hours.
 *
 * <p><b>Deferred writes.</b> The journal's writer applies many decisions in one transaction and asks the
 * store to defer their writes ({@link #deferWrites()}) until just before the commit ({@link
 * #flushWrites()}), where they go to the database as JDBC batches, one per table and statement: work-item
 * inserts, then work-item updates in their order, then offer inserts, then offer updates in their order,
 * then one presence row per agent (its last state: the earlier ones of the batch would be overwritten
 * before the commit anyway). A write that must change one row ({@link #transition}, {@link #move},
 * {@link #insertOffer}, {@link #endOffer}) answers {@code true} when deferred and is checked at the flush;
 * any difference (or a constraint the new order trips over) fails the whole batch, which the journal then
 * applies again one decision per transaction without deferring, so a refusal is found and reported exactly
 * as before. A write that depends on an earlier one of the batch (an offer after the end of the item's
 * previous offer, an update of an item an offer checked) writes what is deferred first, and so does a read
 * from the writer thread. Deferring is per thread: other threads read and write directly.
 */
@Repository
class RoutingStore {

    private static final String ITEM_COLUMNS = """
            id, seq, kind, case_id, queue_id, channel, skills::text as skills, language, priority, enqueued_at,
            not_before, status, agent_id, phone, note, preferred_agent""";

    private static final String UPSERT_PRESENCE = """
            insert into agent_presence (agent_id, state, reason, desktop, since, last_heartbeat)
            values (?, ?, ?, ?, ?, ?)
            on conflict (agent_id) do update set state = excluded.state, reason = excluded.reason,
                desktop = excluded.desktop, since = excluded.since, last_heartbeat = excluded.last_heartbeat,
                version = agent_presence.version + 1""";

    private static final String INSERT_ITEM = """
            insert into work_item (id, seq, kind, case_id, queue_id, channel, skills, language, priority,
                enqueued_at, not_before, status, phone, note, source_event, updated_at, customer_id,
                preferred_agent)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)""";

    /** One statement for every status change, so that a batch of them is one JDBC batch. */
    private static final String TRANSITION = """
            update work_item set status = ?, agent_id = ?, updated_at = ?,
                assigned_at = case when ? then ? else assigned_at end,
                completed_at = case when ? then ? else completed_at end
            where id = ? and status = ?""";

    private static final String MOVE = """
            update work_item set queue_id = ?, skills = ?::jsonb, language = ?, priority = ?,
                enqueued_at = ?, note = coalesce(?, note), status = 'waiting', agent_id = null,
                updated_at = ?, seq = ?
            where id = ? and status in ('waiting', 'assigned')""";

    /**
     * An offer of an item whose row waits (an offered item's row stays "waiting"): inserts nothing when
     * the row changed behind routing's back, which the caller treats as a refusal.
     */
    private static final String INSERT_OFFER = """
            insert into offer (id, work_item_id, agent_id, offered_at, expires_at, status)
            select ?, id, ?, ?, ?, 'open' from work_item where id = ? and status = 'waiting'""";

    private static final String END_OFFER =
            "update offer set status = ?, ended_at = ? where id = ? and status = 'open'";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JsonMapper json;
    private final ThreadLocal<@Nullable Deferred> deferred = new ThreadLocal<>();

    RoutingStore(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
    }

    /** A statement held back until the flush; {@code one}: it must change exactly one row. */
    private record Statement(String sql, Object[] args, boolean one) {}

    /** The writes deferred on one thread, by table. */
    private static final class Deferred {
        final List<Statement> itemInserts = new ArrayList<>();
        final List<Statement> itemUpdates = new ArrayList<>();
        final List<Statement> offerInserts = new ArrayList<>();
        final List<Statement> offerUpdates = new ArrayList<>();
        final Map<UserId, Object[]> presences = new LinkedHashMap<>();
        /** Rows an update of this batch touched: inserting one of them later would change the order's meaning. */
        final Set<UUID> updatedItems = new HashSet<>();

        final Set<UUID> updatedOffers = new HashSet<>();
        /** Items whose open offer this batch ended: a new offer of one must come after the end. */
        final Set<UUID> endedOfferItems = new HashSet<>();
        /** Items an offer insert of this batch checks to be waiting: updating one later must wait for it. */
        final Set<UUID> offeredItems = new HashSet<>();

        boolean isEmpty() {
            return itemInserts.isEmpty()
                    && itemUpdates.isEmpty()
                    && offerInserts.isEmpty()
                    && offerUpdates.isEmpty()
                    && presences.isEmpty();
        }
    }

    /** From now on this thread's writes wait for {@link #flushWrites()} (inside the caller's transaction). */
    void deferWrites() {
        deferred.set(new Deferred());
    }

    /** Writes what this thread deferred, as batches; throws when one of them does not fit. */
    void flushWrites() {
        Deferred pending = deferred.get();
        if (pending == null || pending.isEmpty()) {
            return;
        }
        execute(pending.itemInserts);
        execute(pending.itemUpdates);
        execute(pending.offerInserts);
        execute(pending.offerUpdates);
        if (!pending.presences.isEmpty()) {
            batches.batchUpdate(UPSERT_PRESENCE, new ArrayList<>(pending.presences.values()));
        }
        pending.itemInserts.clear();
        pending.itemUpdates.clear();
        pending.offerInserts.clear();
        pending.offerUpdates.clear();
        pending.presences.clear();
        pending.updatedItems.clear();
        pending.updatedOffers.clear();
        pending.offeredItems.clear();
        pending.endedOfferItems.clear();
    }

    /** Stops deferring on this thread, dropping what was not flushed (its transaction rolls back). */
    void stopDeferring() {
        deferred.remove();
    }

    /** Writes deferred statements, consecutive equal ones as one JDBC batch, in their order. */
    private void execute(List<Statement> statements) {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            int to = from + 1;
            while (to < statements.size() && statements.get(to).sql().equals(sql)) {
                to++;
            }
            List<Statement> run = statements.subList(from, to);
            int[] counts =
                    batches.batchUpdate(sql, run.stream().map(Statement::args).toList());
            for (int i = 0; i < counts.length; i++) {
                if (run.get(i).one() && counts[i] != 1) {
                    throw new IllegalStateException("A deferred routing write changed " + counts[i] + " rows");
                }
            }
            from = to;
        }
    }

    /** Writes what this thread deferred before it reads (a read sees the thread's own writes). */
    private void beforeRead() {
        flushWrites();
    }

    record PresenceRow(
            UserId agent,
            AgentState state,
            @Nullable String reason,
            @Nullable String desktop,
            Instant since,
            @Nullable Instant lastHeartbeat) {}

    // ---- presence

    List<PresenceRow> presences() {
        beforeRead();
        return jdbc.sql("select agent_id, state, reason, desktop, since, last_heartbeat from agent_presence")
                .query((rs, n) -> new PresenceRow(
                        new UserId(rs.getObject("agent_id", UUID.class)),
                        AgentState.of(rs.getString("state"), "state"),
                        rs.getString("reason"),
                        rs.getString("desktop"),
                        instant(rs, "since"),
                        instantOrNull(rs, "last_heartbeat")))
                .list();
    }

    void savePresence(PresenceRow row) {
        Object[] args = {
            row.agent().value(),
            row.state().wire(),
            row.reason(),
            row.desktop(),
            utc(row.since()),
            row.lastHeartbeat() == null ? null : utc(row.lastHeartbeat())
        };
        Deferred pending = deferred.get();
        if (pending != null) {
            // the row holds the agent's last state of the batch; the presence events stay one per change
            pending.presences.remove(row.agent());
            pending.presences.put(row.agent(), args);
            return;
        }
        jdbc.sql(UPSERT_PRESENCE).params(args).update();
    }

    // ---- work items

    List<WorkItem> liveItems() {
        beforeRead();
        return jdbc.sql("select " + ITEM_COLUMNS
                        + " from work_item where status in ('waiting', 'offered', 'assigned') order by seq")
                .query(this::mapItem)
                .list();
    }

    Optional<WorkItem> item(UUID id) {
        beforeRead();
        return jdbc.sql("select " + ITEM_COLUMNS + " from work_item where id = ?")
                .param(id)
                .query(this::mapItem)
                .optional();
    }

    /** Inserts a waiting item decided in memory (its sequence number included). */
    void insert(WorkItem item, @Nullable UUID customer, @Nullable UUID sourceEvent, Instant now) {
        Object[] args = {
            item.id(),
            item.seq(),
            item.kind(),
            item.caseId() == null ? null : item.caseId().value(),
            item.queue().value(),
            item.channel(),
            json.writeValueAsString(item.skills()),
            item.language(),
            item.priority(),
            utc(item.enqueuedAt()),
            item.notBefore() == null ? null : utc(item.notBefore()),
            item.phone(),
            item.note(),
            sourceEvent,
            utc(now),
            customer,
            item.preferredAgent() == null ? null : item.preferredAgent().value()
        };
        Deferred pending = deferred.get();
        if (pending != null) {
            if (pending.updatedItems.contains(item.id())) {
                flushWrites(); // an earlier update of this batch aimed at this row: keep their order
            }
            pending.itemInserts.add(new Statement(INSERT_ITEM, args, false));
            return;
        }
        jdbc.sql(INSERT_ITEM).params(args).update();
    }

    /** The agent who was last assigned work of this customer, for the sticky agent. */
    Optional<UserId> lastAgentOf(UUID customer) {
        beforeRead();
        return jdbc.sql("""
                        select agent_id from work_item where customer_id = ? and assigned_at is not null
                        and agent_id is not null order by assigned_at desc limit 1""")
                .param(customer)
                .query((rs, n) -> new UserId(rs.getObject("agent_id", UUID.class)))
                .optional();
    }

    boolean eventSeen(UUID sourceEvent) {
        beforeRead();
        return jdbc.sql("select exists (select 1 from work_item where source_event = ?)")
                .param(sourceEvent)
                .query(Boolean.class)
                .single();
    }

    /** The next {@code count} values of the work-item sequence, ascending; unique across instances. */
    List<Long> reserveSeqs(int count) {
        return jdbc.sql(
                        "select nextval(pg_get_serial_sequence('work_item', 'seq')) from generate_series(1, ?) order by 1")
                .param(count)
                .query(Long.class)
                .list();
    }

    /**
     * Moves an item from one status to another; false when it was not in {@code from} (a lost race). Deferred,
     * it answers true and the flush checks it.
     */
    boolean transition(UUID id, String from, String to, @Nullable UserId agent, Instant now) {
        OffsetDateTime at = utc(now);
        Object[] args = {
            to,
            agent == null ? null : agent.value(),
            at,
            to.equals("assigned"),
            at,
            to.equals("completed") || to.equals("cancelled"),
            at,
            id,
            from
        };
        return updateItem(id, TRANSITION, args);
    }

    private boolean updateItem(UUID id, String sql, Object[] args) {
        Deferred pending = deferred.get();
        if (pending != null) {
            if (pending.offeredItems.contains(id)) {
                flushWrites(); // an offer of this batch checks this row: keep their order
            }
            pending.updatedItems.add(id);
            pending.itemUpdates.add(new Statement(sql, args, true));
            return true;
        }
        return jdbc.sql(sql).params(args).update() == 1;
    }

    /** A waiting item into another queue (a transfer or a supervisor's move), with its new sequence number. */
    boolean move(
            UUID id,
            QueueId queue,
            List<Skill> skills,
            @Nullable String language,
            int priority,
            Instant enqueuedAt,
            @Nullable String note,
            long seq,
            Instant now) {
        Object[] args = {
            queue.value(), json.writeValueAsString(skills), language, priority, utc(enqueuedAt), note, utc(now), seq, id
        };
        return updateItem(id, MOVE, args);
    }

    // ---- offers

    /**
     * Records an open offer of a waiting item; false when the item's row is not waiting (changed outside
     * routing). Deferred, it answers true and the flush checks it.
     */
    boolean insertOffer(UUID offer, UUID item, UserId agent, Instant offeredAt, Instant expiresAt) {
        Object[] args = {offer, agent.value(), utc(offeredAt), utc(expiresAt), item};
        Deferred pending = deferred.get();
        if (pending != null) {
            if (pending.updatedOffers.contains(offer)
                    || pending.updatedItems.contains(item)
                    || pending.endedOfferItems.contains(item)) {
                // an earlier write of this batch aimed at these rows, or ended the item's previous offer
                // (one open offer per item): keep their order
                flushWrites();
            }
            pending.offerInserts.add(new Statement(INSERT_OFFER, args, true));
            pending.offeredItems.add(item);
            return true;
        }
        return jdbc.sql(INSERT_OFFER).params(args).update() == 1;
    }

    /**
     * Ends an open offer of the item; false when it was not open. Deferred, it answers true and the flush
     * checks it.
     */
    boolean endOffer(UUID offer, UUID item, String outcome, Instant now) {
        Object[] args = {outcome, utc(now), offer};
        Deferred pending = deferred.get();
        if (pending != null) {
            pending.updatedOffers.add(offer);
            pending.endedOfferItems.add(item);
            pending.offerUpdates.add(new Statement(END_OFFER, args, true));
            return true;
        }
        return jdbc.sql(END_OFFER).params(args).update() == 1;
    }

    List<OpenOffer> openOffers() {
        beforeRead();
        return jdbc.sql("select id, work_item_id, agent_id, expires_at from offer where status = 'open'")
                .query((rs, n) -> new OpenOffer(
                        rs.getObject("id", UUID.class),
                        rs.getObject("work_item_id", UUID.class),
                        new UserId(rs.getObject("agent_id", UUID.class)),
                        instant(rs, "expires_at")))
                .list();
    }

    // ---- queue settings and hours

    Map<QueueId, QueueRouting> queueRouting() {
        beforeRead();
        Map<QueueId, List<QueueRouting.Opening>> openings = new java.util.HashMap<>();
        jdbc.sql("select queue_id, day_of_week, opens, closes from queue_opening order by day_of_week, opens")
                .query((rs, n) -> {
                    openings.computeIfAbsent(new QueueId(rs.getObject("queue_id", UUID.class)), q -> new ArrayList<>())
                            .add(new QueueRouting.Opening(
                                    DayOfWeek.of(rs.getInt("day_of_week")),
                                    rs.getTime("opens").toLocalTime(),
                                    rs.getTime("closes").toLocalTime()));
                    return null;
                })
                .list();
        Map<QueueId, QueueRouting> all = new java.util.HashMap<>();
        jdbc.sql("select * from queue_routing")
                .query((rs, n) -> {
                    QueueId queue = new QueueId(rs.getObject("queue_id", UUID.class));
                    all.put(
                            queue,
                            new QueueRouting(
                                    ZoneId.of(rs.getString("time_zone")),
                                    rs.getString("after_hours"),
                                    rs.getString("self_service_url"),
                                    rs.getBoolean("auto_assign"),
                                    rs.getInt("offer_seconds"),
                                    rs.getInt("wrap_up_seconds"),
                                    rs.getBoolean("has_hours"),
                                    List.copyOf(openings.getOrDefault(queue, List.of()))));
                    return null;
                })
                .list();
        return all;
    }

    Map<QueueId, QueuePolicy> queuePolicies() {
        Map<QueueId, QueuePolicy> all = new java.util.HashMap<>();
        jdbc.sql("""
                        select queue_id, policy, aging_per_second, sticky_seconds, max_waiting, overflow_queue,
                            when_full, overflow_steps::text as overflow_steps from queue_routing""")
                .query((rs, n) -> {
                    int max = rs.getInt("max_waiting");
                    Integer maxWaiting = rs.wasNull() ? null : max;
                    UUID overflow = rs.getObject("overflow_queue", UUID.class);
                    all.put(
                            new QueueId(rs.getObject("queue_id", UUID.class)),
                            new QueuePolicy(
                                    Policy.fromWire(rs.getString("policy")),
                                    rs.getDouble("aging_per_second"),
                                    rs.getInt("sticky_seconds"),
                                    maxWaiting,
                                    overflow == null
                                                    || !rs.getString("when_full")
                                                            .equals("overflow")
                                            ? null
                                            : new QueueId(overflow),
                                    json.readValue(
                                            rs.getString("overflow_steps"),
                                            new TypeReference<List<QueuePolicy.Step>>() {})));
                    return null;
                })
                .list();
        return all;
    }

    void saveQueuePolicy(QueueId queue, QueuePolicy policy) {
        jdbc.sql("""
                        insert into queue_routing (queue_id, policy, aging_per_second, sticky_seconds, max_waiting,
                            when_full, overflow_queue, overflow_steps)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                        on conflict (queue_id) do update set policy = excluded.policy,
                            aging_per_second = excluded.aging_per_second, sticky_seconds = excluded.sticky_seconds,
                            max_waiting = excluded.max_waiting, when_full = excluded.when_full,
                            overflow_queue = excluded.overflow_queue, overflow_steps = excluded.overflow_steps,
                            version = queue_routing.version + 1""")
                .params(
                        queue.value(),
                        policy.policy().wire(),
                        policy.agingPerSecond(),
                        policy.stickySeconds(),
                        policy.maxWaiting(),
                        policy.overflowQueue() == null ? "reject" : "overflow",
                        policy.overflowQueue() == null
                                ? null
                                : policy.overflowQueue().value(),
                        json.writeValueAsString(policy.overflowSteps()))
                .update();
    }

    void saveQueueRouting(QueueId queue, QueueRouting routing) {
        jdbc.sql("""
                        insert into queue_routing (queue_id, time_zone, after_hours, self_service_url, auto_assign,
                            offer_seconds, wrap_up_seconds, has_hours)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (queue_id) do update set time_zone = excluded.time_zone,
                            after_hours = excluded.after_hours, self_service_url = excluded.self_service_url,
                            auto_assign = excluded.auto_assign, offer_seconds = excluded.offer_seconds,
                            wrap_up_seconds = excluded.wrap_up_seconds, has_hours = excluded.has_hours,
                            version = queue_routing.version + 1""")
                .params(
                        queue.value(),
                        routing.timeZone().getId(),
                        routing.afterHours(),
                        routing.selfServiceUrl(),
                        routing.autoAssign(),
                        routing.offerSeconds(),
                        routing.wrapUpSeconds(),
                        routing.hasHours())
                .update();
        jdbc.sql("delete from queue_opening where queue_id = ?")
                .param(queue.value())
                .update();
        for (QueueRouting.Opening opening : routing.openings()) {
            jdbc.sql("insert into queue_opening (queue_id, day_of_week, opens, closes) values (?, ?, ?, ?)")
                    .params(queue.value(), opening.day().getValue(), opening.opens(), opening.closes())
                    .update();
        }
    }

    // ---- statistics

    record DayFigures(long answered, long answeredInTime, long abandoned, double meanHandleSeconds) {}

    /** Today's answered (assigned) and abandoned (cancelled while waiting) items of a queue since {@code from}. */
    DayFigures figures(QueueId queue, Instant from, int thresholdSeconds) {
        beforeRead();
        return jdbc.sql("""
                        select count(*) filter (where assigned_at is not null) as answered,
                               count(*) filter (where assigned_at is not null
                                   and assigned_at - enqueued_at <= make_interval(secs => ?)) as in_time,
                               count(*) filter (where status = 'cancelled' and assigned_at is null) as abandoned,
                               coalesce(avg(extract(epoch from completed_at - assigned_at))
                                   filter (where status = 'completed' and assigned_at is not null), 0) as handle
                        from work_item where queue_id = ? and enqueued_at >= ?""")
                .params(thresholdSeconds, queue.value(), utc(from))
                .query((rs, n) -> new DayFigures(
                        rs.getLong("answered"), rs.getLong("in_time"), rs.getLong("abandoned"), rs.getDouble("handle")))
                .single();
    }

    // ---- mapping

    private WorkItem mapItem(ResultSet rs, int n) throws SQLException {
        UUID caseId = rs.getObject("case_id", UUID.class);
        UUID agent = rs.getObject("agent_id", UUID.class);
        return new WorkItem(
                rs.getObject("id", UUID.class),
                rs.getLong("seq"),
                rs.getString("kind"),
                caseId == null ? null : new CaseId(caseId),
                new QueueId(rs.getObject("queue_id", UUID.class)),
                rs.getString("channel"),
                json.readValue(rs.getString("skills"), new TypeReference<List<Skill>>() {}),
                rs.getString("language"),
                rs.getInt("priority"),
                instant(rs, "enqueued_at"),
                instantOrNull(rs, "not_before"),
                rs.getString("status"),
                agent == null ? null : new UserId(agent),
                rs.getString("phone"),
                rs.getString("note"),
                userOrNull(rs, "preferred_agent"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable UserId userOrNull(ResultSet rs, String column) throws SQLException {
        UUID value = rs.getObject(column, UUID.class);
        return value == null ? null : new UserId(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
