package org.switchboard.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/** An offer ended without assignment (type {@code offer.ended}): declined, expired (the agent turns away with "missed offer") or withdrawn; the item is back in its place. */
public record OfferEnded(
        UUID eventId,
        Instant occurredAt,
        UUID workItem,
        @Nullable UserId agent,
        QueueId queue,
        @Nullable CaseId caseId,
        String channel,
        UUID offer,
        String outcome)
        implements RoutingEvent {

    @Override
    public String type() {
        return "offer.ended";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("workItem", workItem.toString());
        attributes.put("offer", offer.toString());
        attributes.put("outcome", outcome);
        return attributes;
    }
}
