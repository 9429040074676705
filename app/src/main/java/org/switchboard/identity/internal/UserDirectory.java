package org.switchboard.identity.internal;

import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;

/** Loads users for authentication. */
@Component
class UserDirectory implements UserDetailsService {

    private final JdbcClient jdbc;

    UserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                        select id, username, display_name, role, password_hash, active
                        from app_user where lower(username) = lower(?)""")
                .param(username)
                .query((rs, n) -> new SwitchboardUserDetails(
                        new Actor(
                                new UserId(rs.getObject("id", UUID.class)),
                                rs.getString("username"),
                                rs.getString("display_name"),
                                Role.valueOf(rs.getString("role").toUpperCase()),
                                Set.of()),
                        rs.getString("password_hash"),
                        rs.getBoolean("active")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
