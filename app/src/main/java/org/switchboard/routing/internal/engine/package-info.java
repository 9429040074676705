/**
 * The in-memory routing engine: waiting work items, agents' presence and capacity, offers. Pure Java (no
 * Spring, no database); time comes from an {@link java.time.InstantSource} so the simulator can drive it.
 * The database stays the source of truth: the routing service persists what the engine decides and
 * rebuilds the engine from it after a restart ({@link org.switchboard.routing.internal.engine.RoutingEngine#restore}).
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.routing.internal.engine;
