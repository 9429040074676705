package org.switchboard.cases;

import org.switchboard.identity.UserId;

/** An agent (a user) as shown with a case. */
public record AgentRef(UserId id, String username, String name) {}
