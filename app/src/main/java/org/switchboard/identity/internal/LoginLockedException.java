package org.switchboard.identity.internal;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed logins: the account or client address is locked for a while. */
class LoginLockedException extends AuthenticationException {

    private final Duration retryAfter;

    LoginLockedException(Duration retryAfter) {
        super("Too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the lock ends (at least 1), for {@code Retry-After}. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
