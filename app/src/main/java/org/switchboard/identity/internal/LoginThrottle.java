package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing: too many failed logins of one account, or from one client address,
 * within a window lock further attempts of that account or address for a while - even with the
 * right password. State is kept in memory on this node (a restart or another node starts afresh);
 * that bounds an attacker's rate well enough for one node and costs no database write per attempt.
 * Thread-safe.
 */
public final class LoginThrottle {

    private final Clock clock;
    private final int maxAccountFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Duration lockDuration;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LoginThrottle(
            Clock clock, int maxAccountFailures, int maxAddressFailures, Duration window, Duration lockDuration) {
        this.clock = clock;
        this.maxAccountFailures = maxAccountFailures;
        this.maxAddressFailures = maxAddressFailures;
        this.window = window;
        this.lockDuration = lockDuration;
    }

    /** How long attempts of this account or from this address stay refused; empty when allowed. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration account = remaining(accountKey(username), now);
        Duration fromAddress = remaining(addressKey(address), now);
        Duration longest = account.compareTo(fromAddress) >= 0 ? account : fromAddress;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failed attempt against the account and the address. */
    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(accountKey(username), maxAccountFailures, now);
        count(addressKey(address), maxAddressFailures, now);
        if (counters.size() > 10_000) {
            counters.values().removeIf(counter -> counter.idle(now));
        }
    }

    /** A successful login clears the account's failures (not the address's). */
    public void succeeded(String username) {
        counters.remove(accountKey(username));
    }

    private Duration remaining(String key, Instant now) {
        Counter counter = counters.get(key);
        return counter == null ? Duration.ZERO : counter.lockRemaining(now);
    }

    private void count(String key, int max, Instant now) {
        counters.computeIfAbsent(key, k -> new Counter()).failed(now, max);
    }

    private static String accountKey(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + (address == null ? "" : address);
    }

    private final class Counter {
        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized void failed(Instant now, int max) {
            prune(now);
            failures.addLast(now);
            if (failures.size() >= max) {
                lockedUntil = now.plus(lockDuration);
                failures.clear();
            }
        }

        synchronized Duration lockRemaining(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }

        synchronized boolean idle(Instant now) {
            prune(now);
            return failures.isEmpty() && !now.isBefore(lockedUntil);
        }

        private void prune(Instant now) {
            Instant oldest = now.minus(window);
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
                failures.removeFirst();
            }
        }
    }
}
