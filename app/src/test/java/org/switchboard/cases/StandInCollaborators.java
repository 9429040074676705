package org.switchboard.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;

/**
 * Minimal stand-ins for the {@code identity} facades ({@link Users}, {@link AuditLog}) that are
 * implemented on other branches (the customer directory is merged in and used as it is). All beans are {@link Fallback}:
 * once the real implementations are merged, they win and these are unused.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInCollaborators {

    /** What was audited, newest last. */
    public static final List<String> AUDITED = new CopyOnWriteArrayList<>();

    /** Reads the users the tests create in {@code app_user}. */
    @Bean
    @Fallback
    Users standInUsers(JdbcClient jdbc) {
        return new Users() {
            @Override
            public Optional<UserSummary> find(UserId id) {
                return Optional.ofNullable(findAll(List.of(id)).get(id));
            }

            @Override
            public Optional<UserSummary> findByIdOrUsername(String idOrUsername) {
                return jdbc.sql("select id, username, display_name, role, active from app_user"
                                + " where id::text = ? or lower(username) = lower(?)")
                        .params(idOrUsername, idOrUsername)
                        .query((rs, n) -> summary(rs))
                        .optional();
            }

            @Override
            public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
                var found = new HashMap<UserId, UserSummary>();
                if (ids.isEmpty()) {
                    return found;
                }
                jdbc.sql("select id, username, display_name, role, active from app_user where id = any(?::uuid[])")
                        .param(ids.stream().map(UserId::toString).toArray(String[]::new))
                        .query((rs, n) -> summary(rs))
                        .list()
                        .forEach(u -> found.put(u.id(), u));
                return found;
            }

            @Override
            public Set<TeamId> teamsOf(UserId id) {
                return Set.of();
            }

            @Override
            public boolean teamExists(TeamId id) {
                return false;
            }

            @Override
            public boolean skillExists(String name) {
                return false;
            }
        };
    }

    private static UserSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserSummary(
                new UserId(rs.getObject("id", UUID.class)),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                rs.getBoolean("active"));
    }

    @Bean
    @Fallback
    AuditLog standInAuditLog() {
        return (Actor actor, String action, String entityType, String entityId, Map<String, ?> details) ->
                AUDITED.add(action + " " + entityType + " " + entityId);
    }

    static List<String> audited() {
        return new ArrayList<>(AUDITED);
    }
}
