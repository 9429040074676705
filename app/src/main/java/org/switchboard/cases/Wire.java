package org.switchboard.cases;

import java.util.Locale;
import org.switchboard.platform.InvalidInputException;

/** Lower-case wire names of the enums of this API ({@code high}, {@code waiting_on_customer}). */
final class Wire {

    private Wire() {}

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name is {@code value}; anything else is a 400 naming {@code field}. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (name(constant).equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        var allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.isEmpty() ? "" : ", ").append(name(constant));
        }
        throw new InvalidInputException(field, "must be one of " + allowed);
    }
}
