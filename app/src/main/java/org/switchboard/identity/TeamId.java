package org.switchboard.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A team's id. */
public record TeamId(UUID value) implements java.io.Serializable {
    public static TeamId parse(String value) {
        return new TeamId(Ids.parse(value, "team"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
