package org.switchboard.desk.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Dates and durations as the desk shows them: in the user's time zone (the {@code userZone} model
 * attribute, a {@link ZoneId} or a zone name; UTC when absent) and the user's locale. Used from the
 * templates as {@code @deskDates}.
 */
@Component("deskDates")
public class DeskDates {

    public ZoneId zone(@Nullable Object userZone) {
        if (userZone instanceof ZoneId zone) {
            return zone;
        }
        if (userZone instanceof String name && !name.isBlank()) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }

    /** A date and time, e.g. {@code 24 Nov 2026, 09:15} in English. */
    public String format(@Nullable Instant instant, @Nullable Object userZone, @Nullable Locale locale) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale == null ? Locale.ENGLISH : locale)
                .withZone(zone(userZone))
                .format(instant);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** A duration as {@code m:ss} or {@code h:mm:ss}, language-neutral. */
    public String duration(@Nullable Long seconds) {
        if (seconds == null) {
            return "";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
