package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.unique;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class CannedResponseIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi anonymous;
    TestApi supervisor;
    TestApi agent;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        supervisor = anonymous.as(anonymous.createUser("supervisor"));
        agent = anonymous.as(anonymous.createUser("agent"));
    }

    @Test
    void supervisorsManageThemAndEveryoneRendersThem() {
        String name = unique("Greeting");
        var created = supervisor.post(
                "/api/v1/canned-responses",
                "{\"name\": \"" + name
                        + "\", \"body\": \"Hello {{customer.name}}, about {{case.number}}. {{agent.name}}\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();

        assertThat(supervisor
                        .post("/api/v1/canned-responses", "{\"name\": \"" + name + "\", \"body\": \"x\"}")
                        .status())
                .isEqualTo(409);
        assertThat(agent.post("/api/v1/canned-responses", "{\"name\": \"other\", \"body\": \"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.patch("/api/v1/canned-responses/" + id, "{\"body\": \"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.delete("/api/v1/canned-responses/" + id).status()).isEqualTo(403);
        assertThat(agent.get("/api/v1/canned-responses").json().get("items").values().stream()
                        .map(i -> i.get("name").asString()))
                .contains(name);

        QueueRef queue = InMemoryQueues.register("canned", new TeamId(UUID.randomUUID()));
        var caseBody =
                CaseTests.create(supervisor, "Where is my order", unique("zoe") + "@example.test", queue, "normal");
        String number = caseBody.get("number").asString();
        String customerName = caseBody.get("customer").get("name").asString();

        var rendered = supervisor.post("/api/v1/canned-responses/" + id + "/render?case=" + number, null);
        assertThat(rendered.status()).as(rendered.toString()).isEqualTo(200);
        assertThat(rendered.json().get("text").asString())
                .startsWith("Hello " + customerName + ", about " + number + ". Test supervisor-");
    }

    @Test
    void updatesNeedTheCurrentVersionAndDeletedOnesAreGone() {
        var created = supervisor.post(
                "/api/v1/canned-responses", "{\"name\": \"" + unique("Bye") + "\", \"body\": \"Goodbye\"}");
        String id = created.json().get("id").asString();

        var updated =
                supervisor.patch("/api/v1/canned-responses/" + id, "{\"body\": \"Farewell\"}", "If-Match", "\"0\"");
        var stale = supervisor.patch("/api/v1/canned-responses/" + id, "{\"body\": \"Ciao\"}", "If-Match", "\"0\"");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("body").asString()).isEqualTo("Farewell");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(supervisor
                        .post("/api/v1/canned-responses", "{\"name\": \" \", \"body\": \"x\"}")
                        .status())
                .isEqualTo(400);
        assertThat(supervisor.delete("/api/v1/canned-responses/" + id).status()).isEqualTo(204);
        assertThat(supervisor.get("/api/v1/canned-responses/" + id).status()).isEqualTo(404);
    }
}
