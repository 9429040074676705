package org.switchboard.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.identity.AgentProfile;
import org.switchboard.identity.AgentProfiles;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.TeamSummary;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Page;

/** Reads of users, their teams and agent profiles (table {@code app_user} and its children). */
@Component
public class UserStore implements Users, AgentProfiles {

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- Users -------------------------------------------------------------------------------

    @Override
    public Optional<UserSummary> find(UserId id) {
        return jdbc.sql("select * from app_user where id = ?")
                .param(id.value())
                .query((rs, n) -> summary(rs))
                .optional();
    }

    @Override
    public Optional<UserSummary> findByIdOrUsername(String idOrUsername) {
        return findRow(idOrUsername).map(id -> find(id).orElseThrow());
    }

    @Override
    public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UserId, UserSummary> found = new HashMap<>();
        jdbc.sql("select * from app_user where id in (:ids)")
                .param("ids", uuids(ids))
                .query((rs, n) -> summary(rs))
                .list()
                .forEach(s -> found.put(s.id(), s));
        return found;
    }

    @Override
    public Set<TeamId> teamsOf(UserId id) {
        return new HashSet<>(jdbc.sql("select team_id from team_member where user_id = ?")
                .param(id.value())
                .query((rs, n) -> new TeamId(Sql.uuid(rs, "team_id")))
                .list());
    }

    @Override
    public List<UserSummary> activeUsers(Set<TeamId> teams) {
        String[] teamIds = teams.stream().map(team -> team.value().toString()).toArray(String[]::new);
        return jdbc.sql("select * from app_user u where u.active and (u.role = 'supervisor' or exists ("
                        + "select 1 from team_member m where m.user_id = u.id and m.team_id = any(?::uuid[])))"
                        + " order by lower(u.display_name), u.id")
                .param(teamIds)
                .query((rs, n) -> summary(rs))
                .list();
    }

    @Override
    public List<TeamSummary> teams() {
        return jdbc.sql("select id, name from team order by lower(name), id")
                .query((rs, n) -> new TeamSummary(new TeamId(Sql.uuid(rs, "id")), rs.getString("name")))
                .list();
    }

    @Override
    public boolean teamExists(TeamId id) {
        return jdbc.sql("select count(*) from team where id = ?")
                        .param(id.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public java.util.Set<String> emailAddresses() {
        return new java.util.HashSet<>(jdbc.sql("select lower(email) from app_user where email is not null")
                .query(String.class)
                .list());
    }

    @Override
    public boolean skillExists(String name) {
        return name != null
                && jdbc.sql("select count(*) from skill where name = ?")
                                .param(name.trim().toLowerCase(Locale.ROOT))
                                .query(Long.class)
                                .single()
                        > 0;
    }

    // --- AgentProfiles -----------------------------------------------------------------------

    @Override
    public Optional<AgentProfile> profile(UserId id) {
        return Optional.ofNullable(profiles(List.of(id)).get(id));
    }

    @Override
    public Map<UserId, AgentProfile> profiles(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return profilesWhere("u.active and u.id in (:ids)", Map.of("ids", uuids(ids)));
    }

    @Override
    public List<AgentProfile> activeProfiles() {
        return List.copyOf(profilesWhere("u.active", Map.of()).values());
    }

    private Map<UserId, AgentProfile> profilesWhere(String where, Map<String, ?> params) {
        Map<UUID, Map<String, Integer>> capacities = new LinkedHashMap<>();
        jdbc.sql("select id, capacity_voice, capacity_chat, capacity_email from app_user u where " + where
                        + " order by id")
                .params(params)
                .query((rs, n) -> capacities.put(Sql.uuid(rs, "id"), capacity(rs)))
                .list();
        Map<UUID, Map<String, Integer>> skills = new HashMap<>();
        jdbc.sql("select s.user_id, s.skill, s.proficiency from user_skill s join app_user u on u.id = s.user_id where "
                        + where)
                .params(params)
                .query((rs, n) -> skills.computeIfAbsent(Sql.uuid(rs, "user_id"), k -> new HashMap<>())
                        .put(rs.getString("skill"), rs.getInt("proficiency")))
                .list();
        Map<UUID, List<String>> languages = new HashMap<>();
        jdbc.sql("select l.user_id, l.language from user_language l join app_user u on u.id = l.user_id where " + where
                        + " order by l.user_id, l.position")
                .params(params)
                .query((rs, n) -> languages
                        .computeIfAbsent(Sql.uuid(rs, "user_id"), k -> new ArrayList<>())
                        .add(rs.getString("language")))
                .list();
        Map<UserId, AgentProfile> result = new LinkedHashMap<>();
        capacities.forEach((id, capacity) -> result.put(
                new UserId(id),
                new AgentProfile(
                        new UserId(id),
                        skills.getOrDefault(id, Map.of()),
                        languages.getOrDefault(id, List.of()),
                        capacity)));
        return result;
    }

    // --- views for the API and admin pages ---------------------------------------------------

    /** The id of the user with this id or (case-insensitive) username. */
    public Optional<UserId> findRow(String idOrUsername) {
        if (idOrUsername == null || idOrUsername.isBlank()) {
            return Optional.empty();
        }
        UUID id = parseUuid(idOrUsername);
        return jdbc.sql(
                        id != null
                                ? "select id from app_user where id = :id"
                                : "select id from app_user where lower(username) = lower(:name)")
                .param(id != null ? "id" : "name", id != null ? id : idOrUsername.trim())
                .query((rs, n) -> new UserId(Sql.uuid(rs, "id")))
                .optional();
    }

    public Optional<UserView> view(UserId id) {
        return viewsWhere("u.id = :id", Map.of("id", id.value()), "").stream().findFirst();
    }

    /** Users ordered by username, keyset-paged; optional filters by role, activity and team. */
    public Page<UserView> list(Role role, Boolean active, String teamId, String query, int limit, String cursor) {
        var where = new ArrayList<String>();
        var params = new HashMap<String, Object>();
        where.add("true");
        if (role != null) {
            where.add("u.role = :role");
            params.put("role", ProfileRules.wire(role));
        }
        if (active != null) {
            where.add("u.active = :active");
            params.put("active", active);
        }
        if (teamId != null && !teamId.isBlank()) {
            UUID team = parseUuid(teamId);
            where.add("exists (select 1 from team_member m where m.user_id = u.id and m.team_id = :team)");
            params.put("team", team == null ? new UUID(0, 0) : team);
        }
        if (query != null && !query.isBlank()) {
            where.add("(lower(u.username) like :q or lower(u.display_name) like :q or lower(u.email) like :q)");
            params.put(
                    "q",
                    "%"
                            + query.trim()
                                    .toLowerCase(Locale.ROOT)
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        if (cursor != null && !cursor.isBlank()) {
            where.add("lower(u.username) > :after");
            params.put("after", Cursor.decode(cursor));
        }
        params.put("limit", limit + 1);
        List<UserView> rows =
                viewsWhere(String.join(" and ", where), params, "order by lower(u.username) limit :limit");
        return Page.fromOverfetch(rows, limit, u -> u.username().toLowerCase(Locale.ROOT));
    }

    private List<UserView> viewsWhere(String where, Map<String, ?> params, String tail) {
        List<UserView> users = jdbc.sql("select u.* from app_user u where " + where + " " + tail)
                .params(params)
                .query((rs, n) -> view(rs))
                .list();
        if (users.isEmpty()) {
            return users;
        }
        List<UUID> ids = users.stream().map(u -> u.id().value()).toList();
        Map<UUID, List<UserView.SkillLevel>> skills = new HashMap<>();
        jdbc.sql("select user_id, skill, proficiency from user_skill where user_id in (:ids) order by skill")
                .param("ids", ids)
                .query((rs, n) -> skills.computeIfAbsent(Sql.uuid(rs, "user_id"), k -> new ArrayList<>())
                        .add(new UserView.SkillLevel(rs.getString("skill"), rs.getInt("proficiency"))))
                .list();
        Map<UUID, List<String>> languages = new HashMap<>();
        jdbc.sql("select user_id, language from user_language where user_id in (:ids) order by position")
                .param("ids", ids)
                .query((rs, n) -> languages
                        .computeIfAbsent(Sql.uuid(rs, "user_id"), k -> new ArrayList<>())
                        .add(rs.getString("language")))
                .list();
        Map<UUID, List<UserView.TeamRef>> teams = new HashMap<>();
        jdbc.sql("""
                        select m.user_id, t.id, t.name from team_member m join team t on t.id = m.team_id
                        where m.user_id in (:ids) order by lower(t.name)""")
                .param("ids", ids)
                .query((rs, n) -> teams.computeIfAbsent(Sql.uuid(rs, "user_id"), k -> new ArrayList<>())
                        .add(new UserView.TeamRef(rs.getString("id"), rs.getString("name"))))
                .list();
        return users.stream()
                .map(u -> new UserView(
                        u.id(),
                        u.username(),
                        u.email(),
                        u.displayName(),
                        u.role(),
                        u.active(),
                        u.hasPassword(),
                        u.locale(),
                        u.timeZone(),
                        List.copyOf(skills.getOrDefault(u.id().value(), List.of())),
                        List.copyOf(languages.getOrDefault(u.id().value(), List.of())),
                        u.capacity(),
                        List.copyOf(teams.getOrDefault(u.id().value(), List.of())),
                        u.createdAt(),
                        u.deactivatedAt(),
                        u.version()))
                .toList();
    }

    private static UserView view(ResultSet rs) throws SQLException {
        return new UserView(
                new UserId(Sql.uuid(rs, "id")),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("display_name"),
                role(rs.getString("role")),
                rs.getBoolean("active"),
                rs.getString("password_hash") != null,
                rs.getString("locale"),
                rs.getString("time_zone"),
                List.of(),
                List.of(),
                capacity(rs),
                List.of(),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "deactivated_at"),
                rs.getLong("version"));
    }

    private static Map<String, Integer> capacity(ResultSet rs) throws SQLException {
        var capacity = new LinkedHashMap<String, Integer>();
        capacity.put("voice", rs.getInt("capacity_voice"));
        capacity.put("chat", rs.getInt("capacity_chat"));
        capacity.put("email", rs.getInt("capacity_email"));
        return capacity;
    }

    private static UserSummary summary(ResultSet rs) throws SQLException {
        return new UserSummary(
                new UserId(Sql.uuid(rs, "id")),
                rs.getString("username"),
                rs.getString("display_name"),
                role(rs.getString("role")),
                rs.getBoolean("active"));
    }

    static Role role(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }

    private static List<UUID> uuids(Collection<UserId> ids) {
        return ids.stream().map(UserId::value).distinct().toList();
    }

    static UUID parseUuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
