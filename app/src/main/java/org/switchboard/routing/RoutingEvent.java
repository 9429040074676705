package org.switchboard.routing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/**
 * A change of an agent's presence, a work item or an offer, published in the transaction that wrote it
 * (Spring Modulith persists the publication, so a committed event reaches its listeners even after a
 * crash). Analytics appends each one to the interaction-event log under {@link #type()}.
 */
public sealed interface RoutingEvent
        permits PresenceChanged, WorkItemQueued, WorkItemOffered, OfferEnded, WorkItemAssigned, WorkItemClosed {

    /** Unique per event; listeners use it to ignore a redelivered event. */
    UUID eventId();

    Instant occurredAt();

    /** The dotted type, e.g. {@code agent.presence_changed}, {@code work_item.assigned}. */
    String type();

    @Nullable
    UserId agent();

    @Nullable
    QueueId queue();

    @Nullable
    CaseId caseId();

    /** {@code voice}, {@code chat} or {@code email}; null for presence changes. */
    @Nullable
    String channel();

    /** Event-specific facts as wire values. */
    Map<String, Object> attributes();
}
