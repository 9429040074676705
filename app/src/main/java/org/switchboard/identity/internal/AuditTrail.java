package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log in table {@code audit_log}. Entries are inserted with the caller's connection, so
 * inside a transaction they commit or roll back with the audited change. The table refuses updates
 * and deletes (trigger).
 */
@Component
public class AuditTrail implements AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** One entry as listed. */
    public record Entry(
            String id,
            Instant at,
            String actorId,
            String actorUsername,
            String action,
            String entityType,
            String entityId,
            JsonNode details) {}

    /** Filters of the audit list; {@code actor} is a user id or username. All optional. */
    public record Filter(String actor, String action, String entityType, String entityId, Instant since) {}

    @Override
    public void record(Actor actor, String action, String entityType, String entityId, Map<String, ?> details) {
        jdbc.sql("""
                        insert into audit_log (id, at, actor_id, actor_username, action, entity_type, entity_id, details)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(
                        Ids.newId(clock),
                        Sql.ts(clock.instant()),
                        actor == null ? null : actor.id().value(),
                        actor == null ? null : actor.username(),
                        action,
                        entityType,
                        entityId,
                        json.writeValueAsString(details == null ? Map.of() : details))
                .update();
    }

    /** Newest first, keyset-paged by (time, id). */
    public Page<Entry> search(Filter filter, int limit, String cursor) {
        var where = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            UUID actorId = parseUuid(filter.actor());
            if (actorId != null) {
                where.add("actor_id = :actorId");
                params.put("actorId", actorId);
            } else {
                where.add("lower(actor_username) = lower(:actorName)");
                params.put("actorName", filter.actor().trim());
            }
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            where.add("action = :action");
            params.put("action", filter.action().trim());
        }
        if (filter.entityType() != null && !filter.entityType().isBlank()) {
            where.add("entity_type = :entityType");
            params.put("entityType", filter.entityType().trim());
        }
        if (filter.entityId() != null && !filter.entityId().isBlank()) {
            where.add("entity_id = :entityId");
            params.put("entityId", filter.entityId().trim());
        }
        if (filter.since() != null) {
            where.add("at >= :since");
            params.put("since", Sql.ts(filter.since()));
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] position = Cursor.decode(cursor).split("\\|", 2);
            try {
                params.put("cursorAt", Sql.ts(Instant.parse(position[0])));
                params.put("cursorId", UUID.fromString(position[1]));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
            where.add("(at, id) < (:cursorAt, :cursorId)");
        }
        params.put("limit", limit + 1);
        String sql = "select * from audit_log"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by at desc, id desc limit :limit";
        List<Entry> rows = jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> new Entry(
                        rs.getString("id"),
                        Sql.instant(rs, "at"),
                        rs.getString("actor_id"),
                        rs.getString("actor_username"),
                        rs.getString("action"),
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        json.readTree(rs.getString("details"))))
                .list();
        return Page.fromOverfetch(rows, limit, e -> e.at() + "|" + e.id());
    }

    private static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
