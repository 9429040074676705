package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class ApiTokensIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port, jdbc);
    }

    @Test
    void aTokenIsShownOnceWorksAsBearerAndStopsWorkingWhenRevoked() {
        var user = api.createUser("supervisor");
        var basic = api.as(user);

        var created = basic.post("/api/v1/me/tokens", "{\"name\":\"ci\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().get("token").asString();
        String id = created.json().get("id").asString();
        assertThat(token).startsWith("sb_");
        assertThat(created.json().get("name").asString()).isEqualTo("ci");
        assertThat(created.json().get("createdAt").isNull()).isFalse();
        String stored = jdbc.sql("select token_hash from api_token where id = ?::uuid")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).hasSize(64).doesNotContain(token.substring(3));

        var bearer = api.withAuthorization("Bearer " + token);
        var me = bearer.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(user.username());
        assertThat(me.json().get("role").asString()).isEqualTo("supervisor");
        // acts with the user's role: a supervisor may not write users
        assertThat(bearer.post("/api/v1/skills", "{\"name\":\"x\"}").status()).isEqualTo(403);
        // no CSRF on token calls
        assertThat(bearer.post("/api/v1/me/tokens", "{\"name\":\"second\"}").status())
                .isEqualTo(201);
        OffsetDateTime lastUsed = jdbc.sql("select last_used_at from api_token where id = ?::uuid")
                .param(id)
                .query(OffsetDateTime.class)
                .single();
        assertThat(lastUsed).isNotNull();

        var listed = basic.get("/api/v1/me/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items").size()).isEqualTo(2);
        assertThat(listed.body()).doesNotContain(token).doesNotContain("\"token\"");

        assertThat(bearer.delete("/api/v1/me/tokens/" + id).status()).isEqualTo(204);

        var revoked = bearer.get("/api/v1/me");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("Content-Type")).contains("application/problem+json");
        assertThat(basic.delete("/api/v1/me/tokens/" + id).status()).isEqualTo(204);
        assertThat(basic.get("/api/v1/me/tokens").json().get("items").findValues("revokedAt").stream()
                        .filter(v -> !v.isNull())
                        .count())
                .isEqualTo(1);
    }

    @Test
    void tokensOfOthersCannotBeRevokedAndUnknownTokensAre401() {
        var owner = api.as(api.createUser("agent"));
        var other = api.as(api.createUser("agent"));
        String id = owner.post("/api/v1/me/tokens", "{\"name\":\"mine\"}")
                .json()
                .get("id")
                .asString();

        assertThat(other.delete("/api/v1/me/tokens/" + id).status()).isEqualTo(404);
        assertThat(api.withAuthorization("Bearer sb_" + "A".repeat(43))
                        .get("/api/v1/me")
                        .status())
                .isEqualTo(401);
        assertThat(api.withAuthorization("Bearer nonsense").get("/api/v1/me").status())
                .isEqualTo(401);
        assertThat(owner.post("/api/v1/me/tokens", "{\"name\":\"\"}").status()).isEqualTo(400);
    }

    @Test
    void aDeactivatedUsersTokensAre401() {
        var admin = api.as(api.createUser("admin"));
        var user = api.createUser("agent");
        String token = api.as(user)
                .post("/api/v1/me/tokens", "{\"name\":\"t\"}")
                .json()
                .get("token")
                .asString();
        var bearer = api.withAuthorization("Bearer " + token);
        assertThat(bearer.get("/api/v1/me").status()).isEqualTo(200);

        admin.post("/api/v1/users/" + user.id() + "/deactivate", null);

        assertThat(bearer.get("/api/v1/me").status()).isEqualTo(401);
    }
}
