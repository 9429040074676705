package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackdatingClockTest {

    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final BackdatingClock clock = new BackdatingClock(Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void readsTheSystemTimeOutsideABackdatedBlock() {
        assertThat(clock.instant()).isEqualTo(now);
    }

    @Test
    void readsTheGivenInstantInsideABackdatedBlockAndRestoresAfterwards() {
        Instant past = now.minusSeconds(86_400 * 20);
        Instant seen = BackdatingClock.at(past, clock::instant);
        assertThat(seen).isEqualTo(past);
        assertThat(clock.instant()).isEqualTo(now);
    }

    @Test
    void nestedBlocksRestoreTheOuterInstant() {
        Instant outer = now.minusSeconds(3600);
        Instant inner = now.minusSeconds(60);
        Instant afterInner = BackdatingClock.at(outer, () -> {
            BackdatingClock.at(inner, clock::instant);
            return clock.instant();
        });
        assertThat(afterInner).isEqualTo(outer);
    }

    @Test
    void otherThreadsKeepTheSystemTime() throws Exception {
        Instant past = now.minusSeconds(7200);
        Instant[] seenElsewhere = new Instant[1];
        BackdatingClock.at(past, () -> {
            Thread other = Thread.ofVirtual().start(() -> seenElsewhere[0] = clock.instant());
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        assertThat(seenElsewhere[0]).isEqualTo(now);
    }
}
