package org.switchboard.routing.internal.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One agent, live.
 *
 * @param reason the away reason (e.g. "missed offer", "lunch"), null otherwise
 * @param since when the agent entered this presence
 * @param offered items offered to the agent, not yet answered
 * @param assigned the agent's current work
 * @param load items offered or assigned per channel
 */
public record AgentView(
        String id,
        Presence presence,
        @Nullable String reason,
        Instant since,
        List<String> offered,
        List<String> assigned,
        Map<Channel, Integer> load) {}
