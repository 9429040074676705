package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who wrote a message or made a change. */
public enum AuthorKind {
    CUSTOMER,
    AGENT,
    SYSTEM;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code author}. */
    @JsonCreator
    public static AuthorKind of(String value) {
        return Wire.parse(AuthorKind.class, value, "author");
    }
}
