package org.switchboard.routing.internal.simulation;

import java.util.Locale;

/**
 * Which contacts the service level counts. The numerator is always the contacts answered within the
 * threshold T; the conventions differ in the denominator.
 */
public enum ServiceLevelConvention {
    /** All offered contacts (the default; abandoned ones count as not answered within T). */
    OFFERED,
    /** Answered contacts only: abandoned contacts are left out. */
    ABANDONS_EXCLUDED,
    /** Offered contacts minus those that abandoned within the short-abandon threshold (default 5 s). */
    SHORT_ABANDONS_EXCLUDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceLevelConvention fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
