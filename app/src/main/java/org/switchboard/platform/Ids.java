package org.switchboard.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Record ids: time-ordered UUIDs (version 7), so new rows land at the end of their indexes. The API
 * treats them as opaque strings.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID newId() {
        return newId(Clock.systemUTC());
    }

    public static UUID newId(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses an id given by a client; an id that is not a UUID names no record, so it is "not found". */
    public static UUID parse(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what, value);
        }
    }
}
