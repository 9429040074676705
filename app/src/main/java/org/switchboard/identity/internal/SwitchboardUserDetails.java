package org.switchboard.identity.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.Role;

/** The authenticated principal of every mechanism; authorities are cumulative roles. */
record SwitchboardUserDetails(Actor actor, String passwordHash, boolean active)
        implements UserDetails, Actors.ActorPrincipal {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authoritiesOf(actor.role());
    }

    static List<GrantedAuthority> authoritiesOf(Role role) {
        return java.util.Arrays.stream(Role.values())
                .filter(role::atLeast)
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return actor.username();
    }

    @Override
    public boolean isEnabled() {
        return active;
    }
}
