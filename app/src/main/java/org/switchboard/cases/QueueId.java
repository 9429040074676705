package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A queue's id. Queues belong to routing; cases only files cases under one. */
public record QueueId(UUID value) {
    public static QueueId parse(String value) {
        return new QueueId(Ids.parse(value, "queue"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
