package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.identity.web.UsersApiIT.unique;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class AuditApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changesAreAuditedAndFilterableNewestFirst() {
        var api = new TestApi(port, jdbc);
        var adminUser = api.createUser("admin");
        var admin = api.as(adminUser);
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        String id = admin.post("/api/v1/users", "{\"username\":\"au" + unique() + "\",\"password\":\"long-enough-pw\"}")
                .json()
                .get("id")
                .asString();
        admin.patch("/api/v1/users/" + id, "{\"displayName\":\"Renamed\"}");
        admin.post("/api/v1/users/" + id + "/deactivate", null);

        var entries = admin.get("/api/v1/audit?entityType=user&entityId=" + id);
        assertThat(entries.status()).isEqualTo(200);
        var items = entries.json().get("items");
        assertThat(items.size()).isEqualTo(3);
        assertThat(items.get(0).get("action").asString()).isEqualTo("user.deactivated");
        assertThat(items.get(1).get("action").asString()).isEqualTo("user.updated");
        assertThat(items.get(1).get("details").get("changed").get(0).asString()).isEqualTo("display_name");
        assertThat(items.get(2).get("action").asString()).isEqualTo("user.created");
        assertThat(items.get(2).get("actorUsername").asString()).isEqualTo(adminUser.username());
        assertThat(items.get(2).get("actorId").asString()).isEqualTo(adminUser.id());

        var byActor = admin.get("/api/v1/audit?actor=" + adminUser.username() + "&action=user.updated&since=" + before);
        assertThat(byActor.json().get("items").size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/audit?actor=" + adminUser.id())
                        .json()
                        .get("items")
                        .size())
                .isGreaterThanOrEqualTo(3);
        assertThat(admin.get("/api/v1/audit?entityId=" + id + "&since="
                                + Instant.now().plus(1, ChronoUnit.HOURS))
                        .json()
                        .get("items")
                        .size())
                .isZero();

        var first = admin.get("/api/v1/audit?entityId=" + id + "&limit=2").json();
        assertThat(first.get("items").size()).isEqualTo(2);
        var rest = admin.get("/api/v1/audit?entityId=" + id + "&limit=2&cursor="
                        + first.get("nextCursor").asString())
                .json();
        assertThat(rest.get("items").size()).isEqualTo(1);
        assertThat(rest.get("items").get(0).get("action").asString()).isEqualTo("user.created");

        assertThat(admin.get("/api/v1/audit?since=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit?cursor=%25%25").status()).isEqualTo(400);
        assertThat(api.as(api.createUser("supervisor")).get("/api/v1/audit").status())
                .isEqualTo(403);
    }
}
