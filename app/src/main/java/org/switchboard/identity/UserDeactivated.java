package org.switchboard.identity;

import java.time.Instant;

/** A user was deactivated: they can no longer sign in; their history stays. Routing stops offering them work. */
public record UserDeactivated(UserId user, Instant at) {}
