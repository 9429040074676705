/**
 * Queues, presence, the universal queue of work items, offers, opening hours, callbacks, transfers, the
 * routing engine, the simulator and the staffing calculator. Implements {@link
 * org.switchboard.cases.QueueDirectory}; knows work items, not channel protocols.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.routing;
