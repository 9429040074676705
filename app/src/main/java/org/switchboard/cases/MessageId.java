package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A message's id. */
public record MessageId(UUID value) {

    public static MessageId newId() {
        return new MessageId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no message (404). */
    @JsonCreator
    public static MessageId parse(String value) {
        return new MessageId(Ids.parse(value, "message"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
