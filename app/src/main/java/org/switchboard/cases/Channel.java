package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The channel a contact arrived or left on. */
public enum Channel {
    EMAIL,
    CHAT,
    VOICE,
    PORTAL,
    API,
    SOCIAL;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code channel}. */
    @JsonCreator
    public static Channel of(String value) {
        return Wire.parse(Channel.class, value, "channel");
    }
}
