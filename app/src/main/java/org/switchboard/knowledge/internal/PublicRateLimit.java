package org.switchboard.knowledge.internal;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Limits what one client (by its network address) may post to the public knowledge endpoints: feedback,
 * search feedback and self-service flows. A fixed one-minute window per client, kept in memory: enough to
 * stop a script from flooding the counts, with no state to share (each node limits on its own).
 */
@Component
public class PublicRateLimit {

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final KnowledgeFlowsProperties properties;
    private final Clock clock;

    PublicRateLimit(KnowledgeFlowsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    private record Window(long minute, AtomicInteger count) {}

    /** Counts one request of {@code client}; beyond the limit a 429 (problem details by the API's handler). */
    public void acquire(String client) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > 100_000) {
            // Old windows are dropped in bulk rather than tracked one by one.
            windows.entrySet().removeIf(e -> e.getValue().minute() < minute);
        }
        Window window = windows.compute(
                client,
                (key, old) -> old == null || old.minute() != minute ? new Window(minute, new AtomicInteger()) : old);
        if (window.count().incrementAndGet() > properties.publicPerMinute()) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; try again in a minute");
        }
    }

    /** Forgets every client's window, e.g. after an operator lifted a block. */
    public void clear() {
        windows.clear();
    }
}
