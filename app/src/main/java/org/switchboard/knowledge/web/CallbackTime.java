package org.switchboard.knowledge.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.switchboard.platform.InvalidInputException;

/**
 * The time a callback is asked for, as the API sends it (an ISO-8601 instant or date-time with offset) or
 * as a form sends it (a {@code datetime-local} value with the browser's time zone beside it).
 */
final class CallbackTime {

    private CallbackTime() {}

    /**
     * @param zone an IANA zone id for a value without offset; null or unknown: UTC
     * @throws InvalidInputException naming {@code at} when the value is not a date-time
     */
    static @Nullable Instant parse(@Nullable String value, @Nullable String zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zoneOf(zone)).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidInputException("at", "must be a date and time such as 2026-11-25T09:30:00Z");
            }
        }
    }

    private static ZoneId zoneOf(@Nullable String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
