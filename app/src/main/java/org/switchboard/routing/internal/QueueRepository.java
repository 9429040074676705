package org.switchboard.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.TeamId;

/** The queue tables in plain SQL. Callers hold the transaction. */
@Repository
class QueueRepository {

    private static final String COLUMNS = """
            select q.id, q.name, q.team_id, q.language, q.base_priority, q.active, q.created_at, q.updated_at,
                   q.version, lower(q.name) as sort_name
            from queue q
            """;

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A queue with the key lists are sorted by (as the database lower-cases it). */
    record Ranked(String sortName, Queue queue) {}

    Optional<Queue> byId(UUID id) {
        return load(COLUMNS + " where q.id = :id", Map.of("id", id)).stream().findFirst();
    }

    Optional<Queue> byName(String name) {
        return load(COLUMNS + " where lower(q.name) = lower(:name)", Map.of("name", name)).stream()
                .findFirst();
    }

    Optional<Queue> lock(UUID id) {
        return load(COLUMNS + " where q.id = :id for update", Map.of("id", id)).stream()
                .findFirst();
    }

    List<Queue> ownedBy(Collection<UUID> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        return load(COLUMNS + " where q.team_id in (:teams) order by lower(q.name), q.id", Map.of("teams", teams));
    }

    List<Queue> all() {
        return load(COLUMNS + " order by lower(q.name), q.id", Map.of());
    }

    /** One page plus one row, after the given position, ordered by lower(name), id. */
    List<Ranked> page(int rows, @Nullable String afterName, @Nullable UUID afterId) {
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (afterName != null && afterId != null) {
            where = " where (lower(q.name), q.id) > (:afterName, :afterId)";
            params.put("afterName", afterName);
            params.put("afterId", afterId);
        }
        params.put("rows", rows);
        List<String> sortNames = new ArrayList<>();
        List<Queue> queues = load(COLUMNS + where + " order by lower(q.name), q.id limit :rows", params, sortNames);
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            ranked.add(new Ranked(sortNames.get(i), queues.get(i)));
        }
        return ranked;
    }

    boolean nameTaken(String name, @Nullable UUID except) {
        return jdbc.sql("select count(*) from queue where lower(name) = lower(?) and id is distinct from ?")
                        .params(name, except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts the queue unless one of that name exists; true when inserted. */
    boolean insert(UUID id, QueueRules.ValidQueue queue, Instant now) {
        int inserted = jdbc.sql("""
                        insert into queue (id, name, team_id, language, base_priority, active, created_at,
                                           updated_at, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 0)
                        on conflict (lower(name)) do nothing""")
                .params(
                        id,
                        queue.name(),
                        queue.team().value(),
                        queue.language(),
                        queue.basePriority(),
                        queue.active(),
                        utc(now),
                        utc(now))
                .update();
        if (inserted == 1) {
            writeSkills(id, queue.requiredSkills());
        }
        return inserted == 1;
    }

    void update(UUID id, QueueRules.ValidQueue queue, Instant now) {
        jdbc.sql("""
                        update queue set name = ?, team_id = ?, language = ?, base_priority = ?, active = ?,
                               updated_at = ?, version = version + 1
                        where id = ?""")
                .params(
                        queue.name(),
                        queue.team().value(),
                        queue.language(),
                        queue.basePriority(),
                        queue.active(),
                        utc(now),
                        id)
                .update();
        jdbc.sql("delete from queue_required_skill where queue_id = ?")
                .param(id)
                .update();
        writeSkills(id, queue.requiredSkills());
    }

    private void writeSkills(UUID queueId, List<Queue.RequiredSkill> skills) {
        for (int i = 0; i < skills.size(); i++) {
            jdbc.sql("""
                            insert into queue_required_skill (queue_id, skill, min_proficiency, position)
                            values (?, ?, ?, ?)""")
                    .params(queueId, skills.get(i).skill(), skills.get(i).minProficiency(), i)
                    .update();
        }
    }

    private List<Queue> load(String sql, Map<String, ?> params) {
        return load(sql, params, new ArrayList<>());
    }

    private List<Queue> load(String sql, Map<String, ?> params, List<String> sortNames) {
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Queue.RequiredSkill>> skills = new HashMap<>();
        jdbc.sql("""
                        select queue_id, skill, min_proficiency from queue_required_skill
                        where queue_id in (:ids) order by queue_id, position""").param("ids", rows.stream().map(Row::id).toList()).query(rs -> {
            skills.computeIfAbsent(rs.getObject("queue_id", UUID.class), k -> new ArrayList<>())
                    .add(new Queue.RequiredSkill(rs.getString("skill"), rs.getInt("min_proficiency")));
        });
        List<Queue> queues = new ArrayList<>();
        for (Row row : rows) {
            sortNames.add(row.sortName());
            queues.add(new Queue(
                    new QueueId(row.id()),
                    row.name(),
                    new TeamId(row.team()),
                    List.copyOf(skills.getOrDefault(row.id(), List.of())),
                    row.language(),
                    row.basePriority(),
                    row.active(),
                    row.createdAt(),
                    row.updatedAt(),
                    row.version()));
        }
        return queues;
    }

    private record Row(
            UUID id,
            String name,
            UUID team,
            @Nullable String language,
            int basePriority,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            long version,
            String sortName) {}

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("team_id", UUID.class),
                rs.getString("language"),
                rs.getInt("base_priority"),
                rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                rs.getString("sort_name"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
