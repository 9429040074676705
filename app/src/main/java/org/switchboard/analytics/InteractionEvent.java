package org.switchboard.analytics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of the interaction-event log.
 *
 * @param id the log position (increasing; the feed's cursor)
 * @param type e.g. {@code case.created}, {@code interaction.started}, {@code message.received}
 * @param attributes event-specific facts
 */
public record InteractionEvent(
        String id,
        String type,
        Instant occurredAt,
        @Nullable String caseId,
        @Nullable String interactionId,
        @Nullable String agentId,
        @Nullable String queueId,
        @Nullable String channel,
        @Nullable String customerId,
        JsonNode attributes) {}
