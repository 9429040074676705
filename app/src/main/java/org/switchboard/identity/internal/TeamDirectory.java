package org.switchboard.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AgentProfileChanged;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;

/** Teams and their members; every change is audited in its transaction. */
@Service
public class TeamDirectory {

    private final JdbcClient jdbc;
    private final UserStore users;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TeamDirectory(JdbcClient jdbc, UserStore users, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** Teams ordered by name, keyset-paged. */
    public Page<TeamView> list(int limit, String cursor) {
        var params = new HashMap<String, Object>();
        String where = "";
        if (cursor != null && !cursor.isBlank()) {
            where = " where lower(name) > :after";
            params.put("after", Cursor.decode(cursor));
        }
        params.put("limit", limit + 1);
        List<UUID> ids = jdbc.sql("select id from team" + where + " order by lower(name) limit :limit")
                .params(params)
                .query((rs, n) -> Sql.uuid(rs, "id"))
                .list();
        return Page.fromOverfetch(views(ids), limit, t -> t.name().toLowerCase(Locale.ROOT));
    }

    /** A team by id or (case-insensitive) name. */
    public Optional<TeamView> find(String idOrName) {
        UUID id = idOrName == null ? null : UserStore.parseUuid(idOrName);
        Optional<UUID> found = jdbc.sql(
                        id != null
                                ? "select id from team where id = :v"
                                : "select id from team where lower(name) = lower(:v)")
                .param("v", id != null ? id : String.valueOf(idOrName).trim())
                .query((rs, n) -> Sql.uuid(rs, "id"))
                .optional();
        return found.map(uuid -> views(List.of(uuid)).getFirst());
    }

    @Transactional
    public TeamView create(String name, String description, Actor by) {
        String checked = name(name);
        ensureUniqueName(checked, null);
        UUID id = Ids.newId(clock);
        UserAccounts.unique(
                () -> jdbc.sql("insert into team (id, name, description, created_at) values (?, ?, ?, ?)")
                        .params(id, checked, blankToNull(description), Sql.ts(clock.instant()))
                        .update(),
                "A team named " + checked + " exists");
        audit.record(by, "team.created", "team", id.toString(), Map.of("name", checked));
        return views(List.of(id)).getFirst();
    }

    @Transactional
    public TeamView update(String idOrName, Long expectedVersion, String name, String description, Actor by) {
        TeamView current = locked(idOrName);
        ETags.check(expectedVersion, current.version(), "team", current.id());
        var changed = new ArrayList<String>();
        String newName = current.name();
        if (name != null) {
            newName = name(name);
            ensureUniqueName(newName, current.id().value());
            changed.add("name");
        }
        String newDescription = current.description();
        if (description != null) {
            newDescription = blankToNull(description);
            changed.add("description");
        }
        String finalName = newName;
        String finalDescription = newDescription;
        UserAccounts.unique(
                () -> jdbc.sql("update team set name = ?, description = ?, version = version + 1 where id = ?")
                        .params(finalName, finalDescription, current.id().value())
                        .update(),
                "A team named " + finalName + " exists");
        audit.record(by, "team.updated", "team", current.id().toString(), Map.of("changed", changed));
        return views(List.of(current.id().value())).getFirst();
    }

    /** Adds a member; adding one who is already a member changes nothing. */
    @Transactional
    public TeamView addMember(String teamIdOrName, String userIdOrName, Actor by) {
        TeamView team = locked(teamIdOrName);
        UserId user = users.findRow(userIdOrName).orElseThrow(() -> new NotFoundException("user", userIdOrName));
        int added = jdbc.sql("""
                        insert into team_member (team_id, user_id, added_at) values (?, ?, ?)
                        on conflict do nothing""")
                .params(team.id().value(), user.value(), Sql.ts(clock.instant()))
                .update();
        if (added > 0) {
            jdbc.sql("update team set version = version + 1 where id = ?")
                    .param(team.id().value())
                    .update();
            audit.record(by, "team.member_added", "team", team.id().toString(), Map.of("user", user.toString()));
            events.publishEvent(new AgentProfileChanged(user));
        }
        return views(List.of(team.id().value())).getFirst();
    }

    /** Removes a member; removing one who is not a member changes nothing. */
    @Transactional
    public TeamView removeMember(String teamIdOrName, String userIdOrName, Actor by) {
        TeamView team = locked(teamIdOrName);
        UserId user = users.findRow(userIdOrName).orElseThrow(() -> new NotFoundException("user", userIdOrName));
        int removed = jdbc.sql("delete from team_member where team_id = ? and user_id = ?")
                .params(team.id().value(), user.value())
                .update();
        if (removed > 0) {
            jdbc.sql("update team set version = version + 1 where id = ?")
                    .param(team.id().value())
                    .update();
            audit.record(by, "team.member_removed", "team", team.id().toString(), Map.of("user", user.toString()));
            events.publishEvent(new AgentProfileChanged(user));
        }
        return views(List.of(team.id().value())).getFirst();
    }

    private TeamView locked(String idOrName) {
        TeamView team = find(idOrName).orElseThrow(() -> new NotFoundException("team", idOrName));
        jdbc.sql("select id from team where id = ? for update")
                .param(team.id().value())
                .query()
                .listOfRows();
        return find(team.id().toString()).orElseThrow();
    }

    private List<TeamView> views(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<TeamView.Member>> members = new HashMap<>();
        jdbc.sql("""
                        select m.team_id, u.id, u.username, u.display_name, u.active
                        from team_member m join app_user u on u.id = m.user_id
                        where m.team_id in (:ids) order by lower(u.username)""")
                .param("ids", ids)
                .query((rs, n) -> members.computeIfAbsent(Sql.uuid(rs, "team_id"), k -> new ArrayList<>())
                        .add(new TeamView.Member(
                                rs.getString("id"),
                                rs.getString("username"),
                                rs.getString("display_name"),
                                rs.getBoolean("active"))))
                .list();
        Map<UUID, TeamView> teams = new LinkedHashMap<>();
        jdbc.sql("select * from team where id in (:ids) order by lower(name)")
                .param("ids", ids)
                .query((rs, n) -> {
                    UUID id = Sql.uuid(rs, "id");
                    return teams.put(
                            id,
                            new TeamView(
                                    new TeamId(id),
                                    rs.getString("name"),
                                    rs.getString("description"),
                                    List.copyOf(members.getOrDefault(id, List.of())),
                                    Sql.instant(rs, "created_at"),
                                    rs.getLong("version")));
                })
                .list();
        return List.copyOf(teams.values());
    }

    private void ensureUniqueName(String name, UUID except) {
        if (jdbc.sql("select count(*) from team where lower(name) = lower(?) and id is distinct from ?")
                        .params(name, except)
                        .query(Long.class)
                        .single()
                > 0) {
            throw new ConflictException("A team named " + name + " exists");
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        return name.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
