package org.switchboard.routing.internal.simulation;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock that only moves when told to: the simulator sets it to each event's time before calling the
 * engine. Not thread-safe; one simulation runs on one thread.
 */
public final class VirtualClock implements InstantSource {

    private final Instant start;
    private long nanos;

    public VirtualClock(Instant start) {
        this.start = start;
    }

    /** Moves to {@code seconds} after the start (never backwards). */
    public void setSeconds(double seconds) {
        long target = (long) (seconds * 1e9);
        if (target > nanos) {
            nanos = target;
        }
    }

    public void advanceSeconds(double seconds) {
        setSeconds(nanos / 1e9 + seconds);
    }

    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos);
    }
}
