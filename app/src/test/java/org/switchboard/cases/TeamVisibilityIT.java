package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.create;
import static org.switchboard.cases.CaseTests.unique;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * An agent sees the cases of the queues their teams own (and those assigned to them); a supervisor
 * sees every case. Teams, membership and queues are real, created through identity's and routing's
 * APIs.
 */
@SwitchboardIntegrationTest
class TeamVisibilityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi supervisor;
    TestApi agent;
    TestApi teamless;
    QueueRef ownQueue;
    QueueRef otherQueue;
    String marker;
    JsonNode ownCase;
    JsonNode otherCase;

    @BeforeEach
    void setUp() {
        var anonymous = new TestApi(port, jdbc);
        var world = RealQueues.on(anonymous);
        TeamId ownTeam = world.newTeam("Billing");
        TeamId otherTeam = world.newTeam("Shipping");
        ownQueue = world.newQueue("billing", ownTeam);
        otherQueue = world.newQueue("shipping", otherTeam);
        var agentUser = anonymous.createUser("agent");
        world.addMember(ownTeam, agentUser.id());
        agent = anonymous.as(agentUser);
        teamless = anonymous.as(anonymous.createUser("agent"));
        supervisor = anonymous.as(anonymous.createUser("supervisor"));

        marker = unique("visibility").toLowerCase();
        ownCase = create(supervisor, marker + " own", unique("c") + "@example.test", ownQueue, "normal");
        otherCase = create(supervisor, marker + " other", unique("c") + "@example.test", otherQueue, "normal");
    }

    @Test
    void anAgentListsAndCountsOnlyTheCasesOfTheirTeamsQueues() {
        assertThat(ids(agent.get("/api/v1/cases?q=" + marker))).containsExactly(id(ownCase));
        assertThat(ids(agent.get("/api/v1/cases?queue=" + ownQueue.id()))).containsExactly(id(ownCase));
        assertThat(ids(agent.get("/api/v1/cases?queue=" + otherQueue.id()))).isEmpty();
        assertThat(count(agent, "q=" + marker)).isEqualTo(1);
        assertThat(count(agent, "queue=" + otherQueue.id())).isZero();

        assertThat(ids(teamless.get("/api/v1/cases?q=" + marker))).isEmpty();
        assertThat(count(teamless, "q=" + marker)).isZero();
    }

    @Test
    void anAgentReadsTheirTeamsCasesAndGets404ForAnotherTeamsQueue() {
        var own = agent.get("/api/v1/cases/" + id(ownCase));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("queue").get("name").asString()).isEqualTo(ownQueue.name());

        assertThat(agent.get("/api/v1/cases/" + id(otherCase)).status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/cases/" + otherCase.get("number").asString())
                        .status())
                .isEqualTo(404);
        assertThat(agent.get("/api/v1/cases/" + id(otherCase) + "/messages").status())
                .isEqualTo(404);
        assertThat(agent.patch("/api/v1/cases/" + id(otherCase), "{\"priority\": \"high\"}")
                        .status())
                .isEqualTo(404);
        assertThat(teamless.get("/api/v1/cases/" + id(ownCase)).status()).isEqualTo(404);
    }

    @Test
    void aSupervisorSeesEveryQueue() {
        assertThat(ids(supervisor.get("/api/v1/cases?q=" + marker)))
                .containsExactlyInAnyOrder(id(ownCase), id(otherCase));
        assertThat(count(supervisor, "q=" + marker)).isEqualTo(2);
        assertThat(supervisor.get("/api/v1/cases/" + id(otherCase)).status()).isEqualTo(200);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + otherQueue.id())))
                .containsExactly(id(otherCase));
    }

    private static String id(JsonNode caseJson) {
        return caseJson.get("id").asString();
    }

    private static long count(TestApi api, String query) {
        var response = api.get("/api/v1/cases/count?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("count").asLong();
    }

    private static List<String> ids(TestApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("items").values().stream()
                .map(item -> item.get("id").asString())
                .toList();
    }
}
