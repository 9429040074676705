package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Page;

/** The catalog of skills agents can have and queues can require. */
@Service
public class SkillCatalog {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    SkillCatalog(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Skill(String name, String description, Instant createdAt) {}

    public Page<Skill> list(int limit, String cursor) {
        var params = new HashMap<String, Object>();
        String where = "";
        if (cursor != null && !cursor.isBlank()) {
            where = " where name > :after";
            params.put("after", Cursor.decode(cursor));
        }
        params.put("limit", limit + 1);
        List<Skill> rows = jdbc.sql("select * from skill" + where + " order by name limit :limit")
                .params(params)
                .query((rs, n) ->
                        new Skill(rs.getString("name"), rs.getString("description"), Sql.instant(rs, "created_at")))
                .list();
        return Page.fromOverfetch(rows, limit, Skill::name);
    }

    @Transactional
    public Skill create(String name, String description, Actor by) {
        String checked = ProfileRules.skillName(name, "name");
        String text = description == null || description.isBlank() ? null : description.trim();
        Instant now = clock.instant();
        int inserted = jdbc.sql(
                        "insert into skill (name, description, created_at) values (?, ?, ?) on conflict do nothing")
                .params(checked, text, Sql.ts(now))
                .update();
        if (inserted == 0) {
            throw new ConflictException("The skill " + checked + " exists");
        }
        audit.record(by, "skill.created", "skill", checked, Map.of());
        return new Skill(checked, text, now);
    }
}
