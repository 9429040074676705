package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a case: {@code new -> open -> pending -> resolved -> closed}.
 *
 * <p>Allowed transitions (anything else is refused with a 422):
 *
 * <ul>
 *   <li>new: open, pending, resolved, closed
 *   <li>open: pending, resolved, closed
 *   <li>pending: open, resolved, closed
 *   <li>resolved: open (reopen), closed
 *   <li>closed: none, it is final (a customer writing again gets a new, linked case)
 * </ul>
 *
 * Resolving requires a disposition (wrap-up code); pending requires a {@link PendingReason}.
 */
public enum CaseStatus {
    NEW,
    OPEN,
    PENDING,
    RESOLVED,
    CLOSED;

    /** The statuses this one may change to. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING, RESOLVED, CLOSED);
            case OPEN -> EnumSet.of(PENDING, RESOLVED, CLOSED);
            case PENDING -> EnumSet.of(OPEN, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    public boolean canChangeTo(CaseStatus target) {
        return next().contains(target);
    }

    /** Whether work on the case is still expected (new, open or pending). */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == PENDING;
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static CaseStatus of(String value) {
        return Wire.parse(CaseStatus.class, value, "status");
    }
}
