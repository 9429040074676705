package org.switchboard.routing.internal.dispatch;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue's routing settings and weekly opening hours.
 *
 * @param afterHours {@code callback}, {@code message} or {@code self_service}
 * @param hasHours false: no calendar, open around the clock
 * @param openings the weekly calendar in {@code timeZone}
 */
public record QueueRouting(
        ZoneId timeZone,
        String afterHours,
        @Nullable String selfServiceUrl,
        boolean autoAssign,
        int offerSeconds,
        int wrapUpSeconds,
        boolean hasHours,
        List<Opening> openings) {

    public static final QueueRouting DEFAULT =
            new QueueRouting(ZoneId.of("UTC"), "message", null, false, 20, 60, false, List.of());

    /** Open on {@code day} from {@code opens} (included) to {@code closes} (excluded), local time. */
    public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {}

    public boolean openAt(Instant instant) {
        if (!hasHours) {
            return true;
        }
        ZonedDateTime local = instant.atZone(timeZone);
        LocalTime time = local.toLocalTime();
        return openings.stream()
                .anyMatch(
                        o -> o.day() == local.getDayOfWeek() && !time.isBefore(o.opens()) && time.isBefore(o.closes()));
    }

    /** The next instant the queue opens after {@code instant} (itself when open), null when it never opens. */
    public @Nullable Instant nextOpening(Instant instant) {
        if (openAt(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(timeZone);
        Instant best = null;
        for (int days = 0; days <= 7; days++) {
            ZonedDateTime date = local.plusDays(days);
            for (Opening opening : openings) {
                if (opening.day() != date.getDayOfWeek()) {
                    continue;
                }
                Instant start = date.toLocalDate()
                        .atTime(opening.opens())
                        .atZone(timeZone)
                        .toInstant();
                if (start.isAfter(instant) && (best == null || start.isBefore(best))) {
                    best = start;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
