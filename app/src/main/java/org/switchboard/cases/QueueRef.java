package org.switchboard.cases;

import org.switchboard.identity.TeamId;

/** What cases knows of a queue: its id, name, owning team and base priority. */
public record QueueRef(QueueId id, String name, TeamId team, int basePriority) {}
