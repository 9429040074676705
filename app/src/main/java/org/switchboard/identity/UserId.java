package org.switchboard.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A user's id (agents are users: an agent id is a user id). */
public record UserId(UUID value) implements java.io.Serializable {
    public static UserId parse(String value) {
        return new UserId(Ids.parse(value, "user"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
