package org.switchboard.routing.internal.engine;

import java.util.Locale;

/**
 * How a queue chooses among several agents that could take a new item. Ties are broken by the longest
 * idle agent, then by agent id, so every choice is deterministic.
 */
public enum Policy {
    /** The agent whose last piece of work ended longest ago (or who became available longest ago). */
    LONGEST_IDLE,
    /** The highest sum of proficiencies in the item's required skills. */
    MOST_SKILLED,
    /** The lowest share of its capacity in use, over all channels. */
    LEAST_OCCUPIED,
    /** The agent whose last offer from this queue is the oldest. */
    ROUND_ROBIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Policy fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
