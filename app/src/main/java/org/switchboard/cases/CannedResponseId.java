package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A canned response's id. */
public record CannedResponseId(UUID value) {

    public static CannedResponseId newId() {
        return new CannedResponseId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no canned response (404). */
    @JsonCreator
    public static CannedResponseId parse(String value) {
        return new CannedResponseId(Ids.parse(value, "canned response"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
