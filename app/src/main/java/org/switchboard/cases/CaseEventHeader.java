package org.switchboard.cases;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerId;
import org.switchboard.identity.UserId;

/**
 * What every {@link CaseEvent} carries.
 *
 * @param eventId unique per event; consumers use it to ignore a republished event
 * @param agent the agent who acted, or (when the customer or the system acted) the case's assignee
 * @param queue the case's queue after the change
 */
public record CaseEventHeader(
        UUID eventId,
        Instant occurredAt,
        CaseId caseId,
        @Nullable InteractionId interactionId,
        @Nullable UserId agent,
        @Nullable QueueId queue,
        Channel channel,
        CustomerId customer) {}
