package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.identity.web.UsersApiIT.unique;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.internal.SecretTokens;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** Invitation and password-reset links, end to end over HTTP (no mail server is configured here). */
@SwitchboardIntegrationTest
class AccountLinksIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi admin;

    @BeforeEach
    void setUp() {
        api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
    }

    @Test
    void anInvitedUserSetsTheirPasswordOnceThroughTheLink() {
        String username = "inv" + unique();
        var created = admin.post(
                "/api/v1/users",
                "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.test\",\"role\":\"agent\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("passwordSet").asBoolean()).isFalse();
        var invitation = created.json().get("invitation");
        assertThat(invitation.get("mailed").asBoolean()).isFalse();
        String url = invitation.get("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/invite/");
        String path = url.substring(url.indexOf("/invite/"));
        String token = path.substring("/invite/".length());
        assertThat(jdbc.sql("select count(*) from invitation where token_hash = ?")
                        .param(SecretTokens.hash(token))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(basic(username, "chosen-password-1").get("/api/v1/me").status())
                .isEqualTo(401);

        var browser = new BrowserSession(port);
        var form = browser.get(path);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(username);
        assertThat(browser.post(path, "password", "chosen-password-1", "confirm", "different-one")
                        .statusCode())
                .isEqualTo(400);
        var accepted = browser.post(path, "password", "chosen-password-1", "confirm", "chosen-password-1");
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith("/login?invited");

        assertThat(basic(username, "chosen-password-1").get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/users/" + username)
                        .json()
                        .get("passwordSet")
                        .asBoolean())
                .isTrue();

        var again = new BrowserSession(port);
        assertThat(again.get(path).statusCode()).isEqualTo(410);
        assertThat(again.post(path, "password", "hijacked-password", "confirm", "hijacked-password")
                        .statusCode())
                .isIn(403, 410);
        assertThat(basic(username, "hijacked-password").get("/api/v1/me").status())
                .isNotEqualTo(200);
    }

    @Test
    void anExpiredInvitationCannotBeUsed() {
        String username = "exp" + unique();
        String id = admin.post(
                        "/api/v1/users",
                        "{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.test\"}")
                .json()
                .get("id")
                .asString();
        String token = SecretTokens.newSecret();
        Instant created = Instant.now().minus(8, ChronoUnit.DAYS);
        jdbc.sql("insert into invitation (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(
                        SecretTokens.hash(token),
                        UUID.fromString(id),
                        created.atOffset(ZoneOffset.UTC),
                        created.plus(7, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .update();

        var browser = new BrowserSession(port);
        assertThat(browser.get("/invite/" + token).statusCode()).isEqualTo(410);
        browser.get("/password-reset");
        assertThat(browser.post("/invite/" + token, "password", "late-password-1", "confirm", "late-password-1")
                        .statusCode())
                .isEqualTo(410);
        assertThat(browser.get("/invite/not-a-token").statusCode()).isEqualTo(410);
    }

    @Test
    void aPasswordResetRequestAnswersTheSameForKnownAndUnknownAccounts() {
        var user = api.createUser("agent");
        var browser = new BrowserSession(port);
        browser.get("/password-reset");
        var known = browser.post("/password-reset", "account", user.username());
        browser.get("/password-reset");
        var unknown = browser.post("/password-reset", "account", "nobody-" + unique());

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(strip(known.body())).isEqualTo(strip(unknown.body()));
        // links are only ever mailed: without a mail server none is issued
        assertThat(jdbc.sql("select count(*) from password_reset where user_id = ?::uuid")
                        .param(user.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPasswordResetLinkWorksOnceAndNotAfterItExpires() {
        var user = api.createUser("agent");
        String token = insertReset(user.id(), Instant.now().plus(1, ChronoUnit.HOURS));
        String expired = insertReset(user.id(), Instant.now().minus(1, ChronoUnit.MINUTES));

        var browser = new BrowserSession(port);
        assertThat(browser.get("/password-reset/" + expired).statusCode()).isEqualTo(410);
        assertThat(browser.get("/password-reset/" + token).statusCode()).isEqualTo(200);
        var reset = browser.post("/password-reset/" + token, "password", "brand-new-pass", "confirm", "brand-new-pass");
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(reset.headers().firstValue("Location").orElseThrow()).endsWith("/login?reset");

        assertThat(basic(user.username(), "brand-new-pass").get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(new BrowserSession(port).get("/password-reset/" + token).statusCode())
                .isEqualTo(410);
        var audit = admin.get("/api/v1/audit?action=user.password_set&entityId=" + user.id())
                .json();
        assertThat(audit.get("items").get(0).get("details").get("via").asString())
                .isEqualTo("password_reset");
    }

    private String insertReset(String userId, Instant expires) {
        String token = SecretTokens.newSecret();
        jdbc.sql("insert into password_reset (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(
                        SecretTokens.hash(token),
                        UUID.fromString(userId),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        expires.atOffset(ZoneOffset.UTC))
                .update();
        return token;
    }

    private TestApi basic(String username, String password) {
        return api.withAuthorization(
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes()));
    }

    private static String strip(String html) {
        return html.replaceAll("name=\"_csrf\"[^>]*>", "").replaceAll("content=\"[^\"]*\"", "");
    }
}
