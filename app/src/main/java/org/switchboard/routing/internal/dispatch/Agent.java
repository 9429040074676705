package org.switchboard.routing.internal.dispatch;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.AgentProfile;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.routing.AgentState;

/** An agent as the dispatcher sees it; mutated only under the dispatcher's lock. */
final class Agent {

    static final Map<String, Integer> DEFAULT_CAPACITY = Map.of("voice", 1, "chat", 3, "email", 5);

    final UserId id;
    AgentState state;

    @Nullable
    String reason;

    @Nullable
    String desktop;

    Instant since;

    @Nullable
    Instant lastHeartbeat;
    /** When an automatic wrap-up ends, null when the agent is not in an automatic wrap-up. */
    @Nullable
    Instant wrapUpUntil;
    /** Since when the agent has had no work: longest idle is offered first. */
    Instant idleSince;

    @Nullable
    AgentProfile profile;

    Set<TeamId> teams = Set.of();
    boolean supervisor;
    /** Work held per channel: offered and assigned items. */
    final Map<String, Integer> load = new HashMap<>();
    /** The presence the routing engine was last told ({@code busy} is available to it, wrap-up away). */
    org.switchboard.routing.internal.engine.Presence told = org.switchboard.routing.internal.engine.Presence.OFFLINE;
    /** The specification the routing engine holds for this agent, null before it was defined. */
    org.switchboard.routing.internal.engine.@Nullable AgentSpec spec;

    /** The agent's open offer, if any: one at a time. */
    java.util.@Nullable UUID openOffer;

    Agent(UserId id, AgentState state, Instant since) {
        this.id = id;
        this.state = state;
        this.since = since;
        this.idleSince = since;
    }

    int capacity(String channel) {
        if (profile == null || profile.capacity().isEmpty()) {
            return DEFAULT_CAPACITY.getOrDefault(channel, 1);
        }
        return profile.capacity(channel);
    }

    int load(String channel) {
        return load.getOrDefault(channel, 0);
    }

    int totalLoad() {
        return load.values().stream().mapToInt(Integer::intValue).sum();
    }

    void take(String channel) {
        load.merge(channel, 1, Integer::sum);
    }

    void release(String channel) {
        load.computeIfPresent(channel, (c, n) -> n <= 1 ? null : n - 1);
    }

    boolean proficient(Skill skill) {
        if (profile == null) {
            return false;
        }
        for (var entry : profile.skills().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(skill.skill())) {
                return entry.getValue() >= skill.minProficiency();
            }
        }
        return false;
    }

    boolean speaks(@Nullable String language) {
        return language == null
                || (profile != null && profile.languages().stream().anyMatch(language::equalsIgnoreCase));
    }
}
