package org.switchboard.routing.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.cases.QueueId;

/**
 * Today's figures of each queue (answered, answered in time, abandoned, mean handle time), shared by the
 * queue statistics and every estimated wait. Reading them aggregates the day's work items of the queue, so
 * the read costs more as the day fills: it is done at most once per {@link #REFRESH} per queue, by one
 * caller in the background while the others keep the figures read before. Only the first read of a
 * queue's day waits for the database. The figures are therefore at most {@code REFRESH} plus one read old.
 */
final class DayFigureCache {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DayFigureCache.class);

    /** Reads a queue's figures of the work items enqueued since {@code startOfDay}. */
    interface Reader {
        RoutingStore.DayFigures read(QueueId queue, Instant startOfDay);
    }

    private static final class Day {
        final LocalDate date;
        final Instant start;
        final AtomicBoolean reading = new AtomicBoolean();
        volatile RoutingStore.@Nullable DayFigures figures;
        volatile Instant readAt = Instant.EPOCH;

        Day(LocalDate date, Instant start) {
            this.date = date;
            this.start = start;
        }
    }

    private final Reader reader;
    private final Clock clock;
    private final Map<QueueId, Day> days = new ConcurrentHashMap<>();

    DayFigureCache(Reader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    RoutingStore.DayFigures get(QueueId queue, ZoneId zone) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Day day = days.compute(
                queue,
                (id, known) -> known != null && known.date.equals(today)
                        ? known
                        : new Day(today, today.atStartOfDay(zone).toInstant()));
        RoutingStore.DayFigures figures = day.figures;
        if (figures == null) {
            synchronized (day) { // the day's first read: one caller reads, the others wait for it
                if (day.figures == null) {
                    read(queue, day, now);
                }
                return day.figures;
            }
        }
        if (!now.isBefore(day.readAt.plus(REFRESH)) && day.reading.compareAndSet(false, true)) {
            Thread.ofVirtual().name("queue-figures").start(() -> {
                try {
                    read(queue, day, clock.instant());
                } catch (RuntimeException e) {
                    log.warn("Today's figures of queue {} could not be read; the previous ones stay", queue, e);
                } finally {
                    day.reading.set(false);
                }
            });
        }
        return figures;
    }

    /** Forgets a queue's figures (the queue's time zone changed, or the queue is gone). */
    void forget(QueueId queue) {
        days.remove(queue);
    }

    private void read(QueueId queue, Day day, Instant now) {
        day.figures = reader.read(queue, day.start);
        day.readAt = now;
    }
}
