package org.switchboard.analytics.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.analytics.InteractionEvent;
import org.switchboard.analytics.InteractionEvents;
import org.switchboard.cases.CaseEvent;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Page;
import org.switchboard.routing.RoutingEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends every case and routing event to {@code interaction_event}, in the transaction that publishes
 * it: the log entry commits exactly when the change it records does, and no event publication has to be
 * stored and completed for it (at several events per contact that bookkeeping cost more than the
 * change). Inside a transaction the events are appended just before its commit, in their order, as one
 * JDBC batch. The unique {@code event_id} keeps the append idempotent.
 */
@Service
class InteractionEventLog implements InteractionEvents {

    private static final String APPEND = """
            insert into interaction_event (event_id, type, occurred_at, case_id, interaction_id, agent_id,
                queue_id, channel, customer_id, attributes)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            on conflict (event_id) do nothing""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JsonMapper json;
    /** The key of the events a transaction still has to append (bound to the transaction's thread). */
    private final Object pendingKey = new Object();

    InteractionEventLog(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
    }

    /** Case events: opened, messages, assignment, status and the rest of the case's life. */
    @EventListener
    void on(CaseEvent event) {
        append(row(event));
    }

    /** Presence, work-item and offer changes of routing, appended with the routing decision's journal batch. */
    @EventListener
    void on(RoutingEvent event) {
        append(new Object[] {
            event.eventId(),
            event.type(),
            OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
            event.caseId() == null ? null : event.caseId().value(),
            null,
            event.agent() == null ? null : event.agent().value(),
            event.queue() == null ? null : event.queue().value(),
            event.channel(),
            null,
            json.writeValueAsString(event.attributes())
        });
    }

    /** Appends the event unless it is already in the log. */
    void append(CaseEvent event) {
        jdbc.sql(APPEND).params(row(event)).update();
    }

    private Object[] row(CaseEvent event) {
        return new Object[] {
            event.eventId(),
            event.type(),
            OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
            event.caseId().value(),
            event.interactionId() == null ? null : event.interactionId().value(),
            event.agent() == null ? null : event.agent().value(),
            event.queue() == null ? null : event.queue().value(),
            event.channel().wire(),
            event.customer().value(),
            json.writeValueAsString(event.attributes())
        };
    }

    private void append(Object[] row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.sql(APPEND).params(row).update();
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> pending = (List<Object[]>) TransactionSynchronizationManager.getResource(pendingKey);
        if (pending == null) {
            List<Object[]> rows = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(pendingKey, rows);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    if (!rows.isEmpty()) {
                        batches.batchUpdate(APPEND, rows);
                        rows.clear();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(pendingKey);
                }
            });
            pending = rows;
        }
        pending.add(row);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<InteractionEvent> page(
            int limit, @Nullable String cursor, @Nullable Instant since, @Nullable String type) {
        var sql = new StringBuilder("""
                select id, type, occurred_at, case_id, interaction_id, agent_id, queue_id, channel, customer_id,
                    attributes::text as attributes
                from interaction_event where true""");
        var params = new ArrayList<Object>();
        if (cursor != null) {
            try {
                params.add(Long.parseLong(Cursor.decode(cursor)));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
            sql.append(" and id > ?");
        }
        if (since != null) {
            sql.append(" and occurred_at >= ?");
            params.add(OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        }
        if (type != null && !type.isBlank()) {
            sql.append(" and type = ?");
            params.add(type.strip());
        }
        sql.append(" order by id limit ?");
        params.add(limit + 1);
        var rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new InteractionEvent(
                        Long.toString(rs.getLong("id")),
                        rs.getString("type"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("case_id"),
                        rs.getString("interaction_id"),
                        rs.getString("agent_id"),
                        rs.getString("queue_id"),
                        rs.getString("channel"),
                        rs.getString("customer_id"),
                        json.readTree(rs.getString("attributes"))))
                .list();
        return Page.fromOverfetch(rows, limit, InteractionEvent::id);
    }
}
