package org.switchboard.routing.internal.engine;

import java.util.Locale;

/**
 * How a queue chooses among several agents that could take a new item. Ties are broken by the longest
 * idle agent, then by agent id, so every choice is deterministic.
 */
public enum Policy {
    /**
     * The agent that has been ready for the item's channel the longest: since it became available or its
     * last piece of work ended (for chat and email: since it last had spare capacity). Constant time.
     */
    LONGEST_IDLE,
    /** The highest sum of proficiencies in the item's required skills. */
    MOST_SKILLED,
    /** The lowest share of its capacity in use, summed over the channels (load / capacity each). */
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
