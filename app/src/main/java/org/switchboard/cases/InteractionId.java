package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** An interaction's id. */
public record InteractionId(UUID value) {

    public static InteractionId newId() {
        return new InteractionId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no interaction (404). */
    @JsonCreator
    public static InteractionId parse(String value) {
        return new InteractionId(Ids.parse(value, "interaction"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
