package org.switchboard.knowledge.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** Small conversions for SQL parameters. */
final class Sql {

    private Sql() {}

    static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String[] array(Collection<String> values) {
        return values.toArray(String[]::new);
    }

    /** A LIKE pattern matching {@code value} anywhere, its wildcards escaped. */
    static String contains(String value) {
        return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
