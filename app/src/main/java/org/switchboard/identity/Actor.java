package org.switchboard.identity;

import java.util.Set;

/**
 * Who is acting on a request: the signed-in user (web session, API token or Basic credentials).
 * Other modules receive it from {@link Actors#current()} and use it for authorization and audit.
 */
public record Actor(UserId id, String username, String displayName, Role role, Set<TeamId> teams)
        implements java.io.Serializable {

    public boolean isAtLeast(Role required) {
        return role.atLeast(required);
    }

    /** Supervisors and admins see every queue; agents only their teams' queues. */
    public boolean seesAllQueues() {
        return role.atLeast(Role.SUPERVISOR);
    }
}
