package org.switchboard.routing.internal.engine;

import java.time.Duration;

/**
 * A waiting item's place in its queue.
 *
 * @param position 1 for the next item of the queue to be routed
 * @param estimatedWait see {@link RoutingEngine#position}
 */
public record QueuePosition(String item, String queue, int position, Duration estimatedWait) {}
