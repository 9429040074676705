package org.switchboard.routing.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.switchboard.cases.QueueId;
import org.switchboard.platform.MutableClock;

class DayFigureCacheTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final QueueId queue = new QueueId(UUID.randomUUID());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final List<Instant> reads = new CopyOnWriteArrayList<>();
    private volatile long answered = 1;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private final DayFigureCache cache = new DayFigureCache(
            (q, startOfDay) -> {
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reads.add(startOfDay);
                return new RoutingStore.DayFigures(answered, answered, 0, 60);
            },
            clock);

    @Test
    void theFirstReadOfADayWaitsAndLaterOnesWithinTheRefreshAreShared() {
        assertThat(cache.get(queue, PARIS).answered()).isEqualTo(1);
        answered = 2;
        clock.advance(DayFigureCache.REFRESH.minusSeconds(1));
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(queue, PARIS).answered()).isEqualTo(1);
        }
        assertThat(reads).containsExactly(Instant.parse("2026-11-24T23:00:00Z")); // midnight in Paris
    }

    @Test
    void afterTheRefreshOneCallerReadsInTheBackgroundWhileTheOthersKeepTheFiguresReadBefore() {
        cache.get(queue, PARIS);
        answered = 5;
        gate = new CountDownLatch(1); // the background read waits until released
        clock.advance(DayFigureCache.REFRESH);
        for (int i = 0; i < 50; i++) {
            assertThat(cache.get(queue, PARIS).answered()).isEqualTo(1);
        }
        gate.countDown();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> cache.get(queue, PARIS).answered() == 5);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aNewDayAndAForgottenQueueAreReadAtOnce() {
        cache.get(queue, PARIS);
        answered = 7;
        clock.advance(Duration.ofHours(14)); // past midnight in Paris
        assertThat(cache.get(queue, PARIS).answered()).isEqualTo(7);
        assertThat(reads.getLast()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));

        answered = 8;
        cache.forget(queue);
        assertThat(cache.get(queue, ZoneOffset.UTC).answered()).isEqualTo(8);
        assertThat(reads.getLast()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }
}
