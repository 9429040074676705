package org.switchboard.identity;

/** What other modules may know of a user: enough to show and to authorize. */
public record UserSummary(UserId id, String username, String displayName, Role role, boolean active) {}
