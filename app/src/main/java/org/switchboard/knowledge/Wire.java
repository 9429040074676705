package org.switchboard.knowledge;

import java.util.Locale;
import org.switchboard.platform.InvalidInputException;

/** Lower-case wire names of the knowledge enums ({@code in_review}). */
final class Wire {

    private Wire() {}

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name is {@code value}; anything else is a 400 naming {@code field}. */
    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (name(constant).equals(wanted)) {
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
