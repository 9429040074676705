package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/**
 * One run through a flow. A self-service run's id is its customer's only key to it, so it is random
 * enough not to be guessed (a UUIDv7 keeps 74 random bits).
 */
public record FlowRunId(UUID value) {

    public static FlowRunId newId() {
        return new FlowRunId(Ids.newId());
    }

    @JsonCreator
    public static FlowRunId parse(String value) {
        return new FlowRunId(Ids.parse(value, "flow run"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
