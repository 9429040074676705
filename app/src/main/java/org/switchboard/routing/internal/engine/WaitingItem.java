package org.switchboard.routing.internal.engine;

import java.time.Instant;

/**
 * An item the engine holds, as listed for a queue or saved in a snapshot.
 *
 * @param spec the item as enqueued, with {@code enqueuedAt} filled in
 * @param agent the agent it is offered or assigned to, or null while waiting
 * @param effectivePriority base + case + tier + aging × seconds waited, at the time of the listing
 */
public record WaitingItem(
        WorkItemSpec spec,
        ItemState state,
        @org.jspecify.annotations.Nullable String agent,
        double effectivePriority,
        Instant enqueuedAt) {}
