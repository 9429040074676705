package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An interaction is active until it ends (a chat closes, a call hangs up, an email exchange is answered). */
public enum InteractionState {
    ACTIVE,
    ENDED;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code state}. */
    @JsonCreator
    public static InteractionState of(String value) {
        return Wire.parse(InteractionState.class, value, "state");
    }
}
