package org.switchboard.routing.internal.engine;

import java.util.Locale;

/**
 * An agent's state. Agents set {@code OFFLINE}, {@code AVAILABLE} and {@code AWAY}; the engine moves an
 * available agent to {@code BUSY} while it holds work (offered or assigned) and back to {@code AVAILABLE}
 * when the last piece completes, and to {@code WRAP_UP} after a completion with wrap-up until the queue's
 * wrap-up limit or until the agent becomes available again. Offers go to {@code AVAILABLE} agents and, for
 * chat and email, to {@code BUSY} agents with spare capacity on that channel.
 */
public enum Presence {
    OFFLINE,
    AVAILABLE,
    AWAY,
    BUSY,
    WRAP_UP;

    /** The lower-case word used in the API: {@code offline, available, away, busy, wrap_up}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Presence fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    /** May receive offers (subject to capacity and the voice rule). */
    boolean takesOffers() {
        return this == AVAILABLE || this == BUSY;
    }
}
