package org.switchboard.identity;

/**
 * A user was created or their role, teams, skills, languages or capacity changed; read the new
 * state with {@link AgentProfiles#profile(UserId)} and {@link Users#teamsOf(UserId)}.
 */
public record AgentProfileChanged(UserId user) {}
