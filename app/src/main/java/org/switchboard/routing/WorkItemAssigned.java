package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/** A work item was assigned to an agent (type {@code work_item.assigned}): an accepted offer, an auto-assigning queue, a transfer to an agent or a supervisor's force-assign. */
public record WorkItemAssigned(
        UUID eventId,
        Instant occurredAt,
        UUID workItem,
        @Nullable UserId agent,
        QueueId queue,
        @Nullable CaseId caseId,
        String channel,
        String how,
        long waitedMillis)
        implements RoutingEvent {

    @Override
    public String type() {
        return "work_item.assigned";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("workItem", workItem.toString());
        attributes.put("how", how);
        attributes.put("waitedMillis", waitedMillis);
        return attributes;
    }
}
