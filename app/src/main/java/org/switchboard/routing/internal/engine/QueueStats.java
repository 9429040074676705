package org.switchboard.routing.internal.engine;

import java.time.Duration;

/**
 * One queue, live: its items by state and the agents who may take its items (without overflow) by presence.
 */
public record QueueStats(
        String queue,
        int waiting,
        int offered,
        int assigned,
        Duration longestWait,
        int available,
        int busy,
        int away,
        int wrapUp,
        int offline) {}
