package org.switchboard.identity.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actor;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;

/** Loads users for authentication, with their teams, in one query. */
@Component
class UserDirectory implements UserDetailsService {

    /** The columns {@link #details} reads, of {@code app_user u}. */
    static final String COLUMNS = """
            u.id, u.username, u.display_name, u.role, u.password_hash, u.active,
            array(select m.team_id::text from team_member m where m.user_id = u.id) as teams""";

    private static final String SELECT = "select " + COLUMNS + " from app_user u ";

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql(SELECT + " where lower(u.username) = lower(?)")
                .param(username)
                .query((rs, n) -> details(rs))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    Optional<SwitchboardUserDetails> load(UserId id) {
        return jdbc.sql(SELECT + " where u.id = ?")
                .param(id.value())
                .query((rs, n) -> details(rs))
                .optional();
    }

    static SwitchboardUserDetails details(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<TeamId> teams = new HashSet<>();
        for (String team : (String[]) rs.getArray("teams").getArray()) {
            teams.add(TeamId.parse(team));
        }
        return new SwitchboardUserDetails(
                new Actor(
                        new UserId(Sql.uuid(rs, "id")),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        UserStore.role(rs.getString("role")),
                        Set.copyOf(teams)),
                rs.getString("password_hash"),
                rs.getBoolean("active"));
    }
}
