package org.switchboard.routing.internal.engine;

import java.util.Locale;

/** A customer's tier; adds priority points so platinum is ahead of gold ahead of standard. */
public enum CustomerTier {
    STANDARD(0),
    GOLD(10),
    PLATINUM(20);

    private final int priority;

    CustomerTier(int priority) {
        this.priority = priority;
    }

    /** Points added to the effective priority of the customer's work items. */
    public int priority() {
        return priority;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CustomerTier fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
