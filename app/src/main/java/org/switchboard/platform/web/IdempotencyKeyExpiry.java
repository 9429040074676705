package org.switchboard.platform.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets idempotency keys after a day: a client retries within minutes, not days. */
@Component
class IdempotencyKeyExpiry {

    static final Duration KEPT_FOR = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeyExpiry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void forgetOldKeys() {
        jdbc.sql("delete from idempotency_key where created_at < ?")
                .param(Timestamp.from(clock.instant().minus(KEPT_FOR)))
                .update();
    }
}
