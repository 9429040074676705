package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a case is, lowest first. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code priority}. */
    @JsonCreator
    public static Priority of(String value) {
        return Wire.parse(Priority.class, value, "priority");
    }
}
