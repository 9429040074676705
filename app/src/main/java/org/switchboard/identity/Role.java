package org.switchboard.identity;

/** What a user may do; a supervisor may do all an agent may, an admin all a supervisor may. */
public enum Role {
    AGENT,
    SUPERVISOR,
    ADMIN;

    public boolean atLeast(Role other) {
        return ordinal() >= other.ordinal();
    }
}
