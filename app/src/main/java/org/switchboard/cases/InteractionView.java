package org.switchboard.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One contact on one channel (an email exchange, a chat, a call, a portal form, an API post). */
public record InteractionView(
        InteractionId id,
        CaseId caseId,
        Channel channel,
        Direction direction,
        InteractionState state,
        @Nullable AgentRef agent,
        Instant startedAt,
        @Nullable Instant endedAt) {

    /** Seconds from start to end, null while active. */
    @com.fasterxml.jackson.annotation.JsonProperty("durationSeconds")
    public @Nullable Long durationSeconds() {
        return endedAt == null
                ? null
                : java.time.Duration.between(startedAt, endedAt).toSeconds();
    }
}
