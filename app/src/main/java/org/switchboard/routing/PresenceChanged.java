package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/**
 * An agent's presence changed (type {@code agent.presence_changed}); occupancy and adherence are computed
 * from the sequence of these.
 *
 * @param reason why (an away reason such as {@code lunch}, {@code missed offer}, {@code desktop disconnected})
 * @param by who changed it: the agent, a supervisor's user id, or {@code system}
 */
public record PresenceChanged(
        UUID eventId,
        Instant occurredAt,
        UserId agent,
        AgentState from,
        AgentState to,
        @Nullable String reason,
        String by)
        implements RoutingEvent {

    @Override
    public String type() {
        return "agent.presence_changed";
    }

    @Override
    public @Nullable QueueId queue() {
        return null;
    }

    @Override
    public @Nullable CaseId caseId() {
        return null;
    }

    @Override
    public @Nullable String channel() {
        return null;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("from", from.wire());
        attributes.put("to", to.wire());
        attributes.put("by", by);
        if (reason != null) {
            attributes.put("reason", reason);
        }
        return attributes;
    }
}
