package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;

/**
 * Who may read an article: {@code agents} (internal), {@code customers} (public help center) or
 * {@code partners}. Anonymous readers see customer articles only; any signed-in user sees all three.
 */
public enum Audience {
    AGENTS,
    CUSTOMERS,
    PARTNERS;

    /** The audiences a reader may see: customers only when anonymous ({@code null}), all for a user. */
    public static Set<Audience> visibleTo(@Nullable Actor reader) {
        return reader == null ? EnumSet.of(CUSTOMERS) : EnumSet.allOf(Audience.class);
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Audience of(String value) {
        return Wire.parse(Audience.class, value, "audience");
    }
}
