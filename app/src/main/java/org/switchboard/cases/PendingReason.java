package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a case is {@link CaseStatus#PENDING}. */
public enum PendingReason {
    WAITING_ON_CUSTOMER,
    WAITING_ON_THIRD_PARTY;

    /** The lower-case wire name. */
    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    /** Parses a wire name; anything else is a 400 naming {@code pendingReason}. */
    @JsonCreator
    public static PendingReason of(String value) {
        return Wire.parse(PendingReason.class, value, "pendingReason");
    }
}
