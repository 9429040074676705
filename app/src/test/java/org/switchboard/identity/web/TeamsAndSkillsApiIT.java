package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.identity.web.UsersApiIT.assertField;
import static org.switchboard.identity.web.UsersApiIT.unique;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class TeamsAndSkillsApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi admin;
    TestApi agent;

    @BeforeEach
    void setUp() {
        api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
        agent = api.as(api.createUser("agent"));
    }

    @Test
    void teamsAreCreatedRenamedAndGetMembers() {
        String name = "Billing " + unique();
        var created = admin.post("/api/v1/teams", "{\"name\":\"" + name + "\",\"description\":\"Invoices\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(admin.post("/api/v1/teams", "{\"name\":\"" + name.toLowerCase() + "\"}")
                        .status())
                .isEqualTo(409);
        assertField(admin.post("/api/v1/teams", "{\"name\":\"\"}"), "name");

        var member = api.createUser("agent");
        var added = admin.put("/api/v1/teams/" + id + "/members/" + member.id(), null);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("members").get(0).get("username").asString())
                .isEqualTo(member.username());
        assertThat(agent.get("/api/v1/users/" + member.id())
                        .json()
                        .get("teams")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo(name);
        assertThat(admin.put("/api/v1/teams/" + id + "/members/" + member.username(), null)
                        .json()
                        .get("members")
                        .size())
                .isEqualTo(1);

        var stale = admin.patch("/api/v1/teams/" + id, "{\"name\":\"Renamed " + unique() + "\"}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        var renamed = admin.patch(
                "/api/v1/teams/" + id,
                "{\"name\":\"Renamed " + unique() + "\"}",
                "If-Match",
                agent.get("/api/v1/teams/" + id).header("ETag"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).startsWith("Renamed ");

        var removed = admin.delete("/api/v1/teams/" + id + "/members/" + member.id());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("members").size()).isZero();
        assertThat(agent.get("/api/v1/teams/" + id).status()).isEqualTo(200);
    }

    @Test
    void teamErrors() {
        String id = admin.post("/api/v1/teams", "{\"name\":\"T " + unique() + "\"}")
                .json()
                .get("id")
                .asString();
        assertThat(admin.get("/api/v1/teams/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.put("/api/v1/teams/" + UUID.randomUUID() + "/members/" + UUID.randomUUID(), null)
                        .status())
                .isEqualTo(404);
        assertThat(admin.put("/api/v1/teams/" + id + "/members/nobody-" + unique(), null)
                        .status())
                .isEqualTo(404);
        assertThat(agent.post("/api/v1/teams", "{\"name\":\"Nope " + unique() + "\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.put("/api/v1/teams/" + id + "/members/" + UUID.randomUUID(), null)
                        .status())
                .isEqualTo(403);
        assertThat(agent.get("/api/v1/teams?limit=1").json().get("items").size())
                .isEqualTo(1);
    }

    @Test
    void theSkillCatalogTakesShortLowerCaseWords() {
        String name = "k" + unique();
        var created = admin.post("/api/v1/skills", "{\"name\":\"" + name.toUpperCase() + "\",\"description\":\"d\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo(name);
        assertThat(admin.post("/api/v1/skills", "{\"name\":\"" + name + "\"}").status())
                .isEqualTo(409);
        assertField(admin.post("/api/v1/skills", "{\"name\":\"two words\"}"), "name");
        assertThat(agent.post("/api/v1/skills", "{\"name\":\"x" + unique() + "\"}")
                        .status())
                .isEqualTo(403);

        var all = new StringBuilder();
        String cursor = null;
        do {
            var page = agent.get("/api/v1/skills?limit=500" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            all.append(page.get("items").toString());
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(all.toString()).contains("\"" + name + "\"");
    }
}
