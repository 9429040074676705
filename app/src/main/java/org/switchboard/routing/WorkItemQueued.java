package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/** A work item entered its queue (type {@code work_item.queued}): a new or reopened case, a callback request, a transfer to a queue. */
public record WorkItemQueued(
        UUID eventId,
        Instant occurredAt,
        UUID workItem,
        @Nullable UserId agent,
        QueueId queue,
        @Nullable CaseId caseId,
        String channel,
        String kind,
        int priority,
        @Nullable String via)
        implements RoutingEvent {

    @Override
    public String type() {
        return "work_item.queued";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("workItem", workItem.toString());
        attributes.put("kind", kind);
        attributes.put("priority", priority);
        if (via != null) {
            attributes.put("via", via);
        }
        return attributes;
    }
}
