package org.switchboard.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The application's clock: the system's UTC time, except inside {@link #at(Instant, Supplier)} on the
 * current thread, where it reads the given instant. Importers and the demo-data generator use that to
 * record history as of its real time (a case opened 20 days ago gets its timestamps then) through the
 * same module APIs that live requests use.
 */
public final class BackdatingClock extends Clock {

    private static final ThreadLocal<Instant> OVERRIDE = new ThreadLocal<>();
    private final Clock system;

    public BackdatingClock(Clock system) {
        this.system = system;
    }

    /** Runs {@code work} on this thread with the clock reading {@code instant}. */
    public static <T> T at(Instant instant, Supplier<T> work) {
        Instant previous = OVERRIDE.get();
        OVERRIDE.set(instant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant override = OVERRIDE.get();
        return override != null ? override : system.instant();
    }

    @Override
    public long millis() {
        Instant override = OVERRIDE.get();
        return override != null ? override.toEpochMilli() : system.millis();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : Clock.fixed(instant(), zone);
    }
}
