/**
 * Queues and (in later issues) skills matching, presence, capacity, offers, callbacks, the universal
 * queue and the simulator. Implements {@link org.switchboard.cases.QueueDirectory}; knows work items,
 * not channel protocols.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.routing;
