package org.switchboard.routing.internal.engine;

/** What happens to an item that arrives when its queue already holds its maximum of waiting items. */
public enum FullQueueAction {
    /** The item is not queued ({@link RoutingEvent.ItemRejected}); the caller takes the after-queue action. */
    REJECT,
    /** The item goes to the queue's overflow queue instead ({@link RoutingEvent.ItemOverflowed}). */
    OVERFLOW
}
