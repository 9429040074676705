package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How delivery of a public reply on its channel went, as the channel reports it: {@code queued} (to be
 * sent, perhaps after a failed attempt), {@code awaiting_approval} (held for a supervisor), {@code
 * sent}, {@code failed} (given up, or bounced), {@code rejected} (a supervisor refused it).
 */
public enum DeliveryStatus {
    QUEUED,
    AWAITING_APPROVAL,
    SENT,
    FAILED,
    REJECTED;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code deliveryStatus}. */
    @JsonCreator
    public static DeliveryStatus of(String value) {
        return Wire.parse(DeliveryStatus.class, value, "deliveryStatus");
    }
}
