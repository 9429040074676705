package org.switchboard.customer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A customer's id. */
public record CustomerId(UUID value) {
    public static CustomerId parse(String value) {
        return new CustomerId(Ids.parse(value, "customer"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
