package org.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.platform.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
    private final LoginThrottle throttle =
            new LoginThrottle(clock, 5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15));

    @Test
    void fiveFailuresOfOneAccountLockItForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        assertThat(throttle.lockedFor("alice", "10.0.0.99")).isEmpty();

        throttle.failed("Alice", "10.0.0.5");

        assertThat(throttle.lockedFor("alice", "10.0.0.99")).contains(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("bob", "10.0.0.99")).isEmpty();
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.lockedFor("ALICE", "10.0.0.99")).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("alice", "10.0.0.99")).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("carol", "10.1.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        throttle.failed("carol", "10.1.0.1");
        assertThat(throttle.lockedFor("carol", "10.1.0.2")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressLockTheAddressForEveryAccount() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertThat(throttle.lockedFor("someone", "192.0.2.7")).isEmpty();

        throttle.failed("user19", "192.0.2.7");

        assertThat(throttle.lockedFor("someone", "192.0.2.7")).isPresent();
        assertThat(throttle.lockedFor("someone", "192.0.2.8")).isEmpty();
    }

    @Test
    void successClearsTheAccountsFailuresButNotTheAddresses() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("dave", "198.51.100.1");
        }
        throttle.succeeded("dave");
        throttle.failed("dave", "198.51.100.1");
        assertThat(throttle.lockedFor("dave", "198.51.100.2")).isEmpty();
    }
}
