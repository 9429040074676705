package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A guided resolution flow's id (opaque to clients). */
public record FlowId(UUID value) {

    public static FlowId newId() {
        return new FlowId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no flow (404). */
    @JsonCreator
    public static FlowId parse(String value) {
        return new FlowId(Ids.parse(value, "flow"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
