package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A response that shows a secret once is never stored for replays, and a replay does not show it again. */
@SwitchboardIntegrationTest
class IdempotencyOfSecretsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplayedTokenCreationIsRefusedAndTheTokenIsNotKept() {
        var api = new TestApi(port, jdbc);
        var user = api.as(api.createUser("agent"));
        String key = "token-" + System.nanoTime();

        var first = user.post("/api/v1/me/tokens", "{\"name\":\"script\"}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        String token = first.json().get("token").asString();

        var replay = user.post("/api/v1/me/tokens", "{\"name\":\"script\"}", "Idempotency-Key", key);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).doesNotContain(token);

        Long storedWithBody = jdbc.sql(
                        "select count(*) from idempotency_key where idem_key = ? and response_body is not null")
                .param(key)
                .query(Long.class)
                .single();
        assertThat(storedWithBody).isZero();
        assertThat(user.get("/api/v1/me/tokens").body()).contains("script");
    }
}
