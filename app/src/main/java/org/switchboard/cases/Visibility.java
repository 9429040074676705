package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A public reply is sent to the customer; an internal note is seen by agents only. */
public enum Visibility {
    PUBLIC,
    INTERNAL;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code visibility}. */
    @JsonCreator
    public static Visibility of(String value) {
        return Wire.parse(Visibility.class, value, "visibility");
    }
}
