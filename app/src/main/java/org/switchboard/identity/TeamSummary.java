package org.switchboard.identity;

/** What other modules may know of a team: its id and name, e.g. to offer it in a choice. */
public record TeamSummary(TeamId id, String name) {}
