package org.switchboard.routing.internal.engine;

import java.util.Locale;

/** The kind of work an item is; agents have a concurrent capacity per channel. */
public enum Channel {
    VOICE(1),
    CHAT(3),
    EMAIL(5);

    private final int defaultCapacity;

    Channel(int defaultCapacity) {
        this.defaultCapacity = defaultCapacity;
    }

    /** How many items of this channel an agent handles at once unless configured otherwise. */
    public int defaultCapacity() {
        return defaultCapacity;
    }

    /** The lower-case word used in the API ({@code voice}, {@code chat}, {@code email}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWire(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
}
