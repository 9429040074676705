package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/** A waiting work item was offered to an agent (type {@code work_item.offered}) until {@code expiresAt}. */
public record WorkItemOffered(
        UUID eventId,
        Instant occurredAt,
        UUID workItem,
        @Nullable UserId agent,
        QueueId queue,
        @Nullable CaseId caseId,
        String channel,
        UUID offer,
        Instant expiresAt)
        implements RoutingEvent {

    @Override
    public String type() {
        return "work_item.offered";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("workItem", workItem.toString());
        attributes.put("offer", offer.toString());
        attributes.put("expiresAt", expiresAt.toString());
        return attributes;
    }
}
