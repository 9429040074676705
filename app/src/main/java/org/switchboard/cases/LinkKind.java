package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How two cases are linked: related, a follow-up opened after the reopen window, or split off. */
public enum LinkKind {
    RELATED,
    FOLLOW_UP,
    SPLIT;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code kind}. */
    @JsonCreator
    public static LinkKind of(String value) {
        return Wire.parse(LinkKind.class, value, "kind");
    }
}
