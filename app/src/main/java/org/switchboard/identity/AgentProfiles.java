package org.switchboard.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agents' skills, languages and capacity, for routing. Only active users have a profile. */
public interface AgentProfiles {

    Optional<AgentProfile> profile(UserId id);

    /** The profiles of those of these users that are active. */
    Map<UserId, AgentProfile> profiles(Collection<UserId> ids);

    /** The profiles of every active user (agents, supervisors and admins can all take work). */
    List<AgentProfile> activeProfiles();
}
