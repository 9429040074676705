package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an interaction was started by the customer (inbound) or by us (outbound). */
public enum Direction {
    INBOUND,
    OUTBOUND;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code direction}. */
    @JsonCreator
    public static Direction of(String value) {
        return Wire.parse(Direction.class, value, "direction");
    }
}
