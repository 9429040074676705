package org.switchboard.routing;

import java.util.Locale;
import org.switchboard.platform.InvalidInputException;

/** An agent's presence, written in the API as lower-case words ({@code wrap_up} for after-contact work). */
public enum AgentState {
    OFFLINE,
    AVAILABLE,
    AWAY,
    BUSY,
    WRAP_UP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire word; anything else is a 400 naming {@code field}. */
    public static AgentState of(String value, String field) {
        for (AgentState state : values()) {
            if (state.wire().equals(value)) {
                return state;
            }
        }
        throw new InvalidInputException(field, "must be one of offline, available, away, busy, wrap_up");
    }
}
