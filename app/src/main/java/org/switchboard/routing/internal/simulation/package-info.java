/**
 * The discrete-event simulator: Poisson arrivals, handle times and patience drawn from seeded random
 * streams, played on a virtual clock against the real {@link org.switchboard.routing.internal.engine.RoutingEngine}.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.routing.internal.simulation;
