package org.switchboard.routing.internal.staffing;

import org.jspecify.annotations.Nullable;

/**
 * A load offered to a group of identical agents: Poisson arrivals, exponential handling times and, when
 * {@code patienceSeconds} is given, exponential patience (callers hang up after waiting that long on average).
 */
public record Load(
        double arrivalsPerHour,
        double ahtSeconds,
        double serviceLevelSeconds,
        @Nullable Double patienceSeconds) {

    /** Offered load in Erlangs: arrival rate times mean handling time. */
    public double erlangs() {
        return arrivalsPerHour / 3600.0 * ahtSeconds;
    }
}
