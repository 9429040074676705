package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/** A work item left routing (type {@code work_item.closed}): completed by its agent, cancelled, or transferred away. */
public record WorkItemClosed(
        UUID eventId,
        Instant occurredAt,
        UUID workItem,
        @Nullable UserId agent,
        QueueId queue,
        @Nullable CaseId caseId,
        String channel,
        String outcome,
        @Nullable String note)
        implements RoutingEvent {

    @Override
    public String type() {
        return "work_item.closed";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("workItem", workItem.toString());
        attributes.put("outcome", outcome);
        if (note != null) {
            attributes.put("note", note);
        }
        return attributes;
    }
}
