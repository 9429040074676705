package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/**
 * The login rate limit over real HTTP. Keeps its failures to five (one account), because the
 * per-address limit would lock this test's client address for every other test of the run.
 */
@SwitchboardIntegrationTest
class LoginRateLimitIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiveFailuresLockTheAccountForBasicAndFormLoginEvenWithTheRightPassword() {
        var api = new TestApi(port, jdbc);
        var user = api.createUser("agent");
        var wrong = api.withAuthorization("Basic "
                + java.util.Base64.getEncoder().encodeToString((user.username() + ":wrong-password").getBytes()));
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/me").status()).isEqualTo(401);
        }

        var locked = api.as(user).get("/api/v1/me");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(locked.header("Content-Type")).contains("application/problem+json");
        assertThat(locked.json().get("status").asInt()).isEqualTo(429);

        var browser = new BrowserSession(port);
        var form = browser.login(user.username(), TestApi.PASSWORD);
        assertThat(form.statusCode()).isEqualTo(302);
        assertThat(form.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
        var page = browser.get("/login?locked");
        assertThat(page.body()).contains("Too many failed sign-in attempts");

        var audit = api.as(api.createUser("admin")).get("/api/v1/audit?action=login.failed&entityId=" + user.id());
        assertThat(audit.json().get("items").size()).isEqualTo(5);

        // other accounts are not affected
        assertThat(api.as(api.createUser("agent")).get("/api/v1/me").status()).isEqualTo(200);
    }
}
