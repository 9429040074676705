package org.switchboard.cases.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Small conversions for SQL parameters. */
final class Sql {

    private Sql() {}

    static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A uuid[] parameter (bind as text[] and cast with {@code ?::uuid[]}). */
    static String[] uuids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    /** A LIKE prefix pattern with the wildcards of {@code value} escaped. */
    static String prefix(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
