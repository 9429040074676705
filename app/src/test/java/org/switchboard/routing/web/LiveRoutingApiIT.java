package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.BackdatingClock;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class LiveRoutingApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    private LiveRouting routing;

    @BeforeEach
    void setUp() {
        routing = new LiveRouting(new TestApi(port, jdbc));
    }

    @Test
    void presenceChangesAreInteractionEvents() {
        LiveRouting.Agent agent = routing.agent(4);

        var response = agent.presence("available", "desk-1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("state").asString()).isEqualTo("available");
        var away = agent.api()
                .put(
                        "/api/v1/agents/" + agent.id() + "/presence",
                        "{\"state\": \"away\", \"reason\": \"lunch\"}",
                        "Switchboard-Desktop",
                        "desk-1");
        assertThat(away.json().get("state").asString()).isEqualTo("away");
        assertThat(away.json().get("reason").asString()).isEqualTo("lunch");

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                        select count(*) from interaction_event where type = 'agent.presence_changed' and agent_id = ?""")
                                .param(UUID.fromString(agent.id()))
                                .query(Long.class)
                                .single()
                        == 2);
        String attributes = jdbc.sql("""
                        select attributes::text from interaction_event
                        where type = 'agent.presence_changed' and agent_id = ? order by id desc limit 1""")
                .param(UUID.fromString(agent.id()))
                .query(String.class)
                .single();
        assertThat(attributes).contains("\"to\": \"away\"").contains("\"reason\": \"lunch\"");
    }

    @Test
    void anAgentLoggedInOnAnotherDesktopIsAConflictButASupervisorMayChangeTheState() {
        LiveRouting.Agent agent = routing.agent(4);
        assertThat(agent.presence("available", "desk-A").status()).isEqualTo(200);

        var elsewhere = agent.presence("away", "desk-B");
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(agent.api()
                        .post("/api/v1/agents/" + agent.id() + "/heartbeat", null, "Switchboard-Desktop", "desk-B")
                        .status())
                .isEqualTo(409);

        var bySupervisor = routing.supervisor.put(
                "/api/v1/agents/" + agent.id() + "/presence", "{\"state\": \"away\", \"reason\": \"coaching\"}");
        assertThat(bySupervisor.status()).as(bySupervisor.toString()).isEqualTo(200);
        assertThat(agent.presence("offline", "desk-A").status()).isEqualTo(200);
        assertThat(agent.presence("available", "desk-B").status()).isEqualTo(200);
    }

    @Test
    void badInputNamesTheFieldAndUnknownPathsAre404() {
        LiveRouting.Agent agent = routing.agent(4);
        TestApi sup = routing.supervisor;

        assertThat(sup.put("/api/v1/agents/" + UUID.randomUUID() + "/presence", "{\"state\":\"available\"}")
                        .status())
                .isEqualTo(404);
        assertThat(sup.put("/api/v1/agents/not-a-uuid/presence", "{\"state\":\"available\"}")
                        .status())
                .isEqualTo(404);
        var badState = agent.api().put("/api/v1/agents/" + agent.id() + "/presence", "{\"state\":\"Available\"}");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body()).contains("state");
        assertThat(sup.get("/api/v1/queues/" + UUID.randomUUID() + "/work-items")
                        .status())
                .isEqualTo(404);
        assertThat(sup.get("/api/v1/queues/" + UUID.randomUUID() + "/stats").status())
                .isEqualTo(404);
        assertThat(sup.get("/api/v1/work-items/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(sup.post("/api/v1/offers/" + UUID.randomUUID() + "/accept", null)
                        .status())
                .isEqualTo(404);

        var unknownQueue = sup.post("/api/v1/work-items", "{\"queue\": \"no such queue\", \"channel\": \"chat\"}");
        assertThat(unknownQueue.status()).isEqualTo(400);
        assertThat(unknownQueue.body()).contains("\"queue\"");
        var unknownSkill = sup.post("/api/v1/work-items", """
                {"queue": "%s", "channel": "chat", "skills": [{"skill": "no-such-skill", "minProficiency": 2}]}""".formatted(routing.queueId));
        assertThat(unknownSkill.status()).isEqualTo(400);
        assertThat(unknownSkill.body()).contains("skills[0].skill");
        var badChannel =
                sup.post("/api/v1/work-items", "{\"queue\": \"%s\", \"channel\": \"fax\"}".formatted(routing.queueId));
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.body()).contains("channel");
        var item =
                sup.post("/api/v1/work-items", "{\"queue\": \"%s\", \"channel\": \"chat\"}".formatted(routing.queueId));
        assertThat(item.status()).as(item.toString()).isEqualTo(201);
        var unknownAgent = sup.post(
                "/api/v1/work-items/" + item.json().get("item").get("id").asString() + "/assign",
                "{\"agent\": \"" + UUID.randomUUID() + "\"}");
        assertThat(unknownAgent.status()).isEqualTo(400);
        assertThat(unknownAgent.body()).contains("agent");
    }

    @Test
    void aNewCaseIsOfferedAndAcceptingAssignsTheCase() {
        LiveRouting.Agent agent = routing.agent(4);
        String caseId = routing.newCase("normal");
        JsonNode line = routing.awaitLine(1);
        assertThat(line.get(0).get("caseId").asString()).isEqualTo(caseId);
        assertThat(line.get(0).get("channel").asString()).isEqualTo("email");
        assertThat(line.get(0).get("skills").get(0).get("minProficiency").asInt())
                .isEqualTo(3);

        agent.presence("available", "desk");
        String offer = agent.awaitOffer();
        var accepted = agent.api().post("/api/v1/offers/" + offer + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("assigned");

        var caseView = routing.supervisor.get("/api/v1/cases/" + caseId);
        assertThat(caseView.json().get("assignee").get("id").asString()).isEqualTo(agent.id());
        // the customer's message is the case's active interaction: it is the agent's now too
        JsonNode interactions = routing.supervisor
                .get("/api/v1/cases/" + caseId + "/interactions")
                .json()
                .get("items");
        assertThat(interactions.size()).isPositive();
        for (JsonNode interaction : interactions) {
            if (interaction.get("state").asString().equals("active")) {
                assertThat(interaction.get("agent").get("id").asString()).isEqualTo(agent.id());
            }
        }
        assertThat(interactions.findValuesAsString("state")).contains("active");
        JsonNode me = agent.current();
        assertThat(me.get("state").asString()).isEqualTo("busy");
        assertThat(me.get("work").get(0).get("caseId").asString()).isEqualTo(caseId);
        assertThat(routing.line().size()).isZero();
    }

    @Test
    void anAgentWithoutTheSkillLevelGetsNoOffer() {
        LiveRouting.Agent novice = routing.agent(2);
        routing.newCase("normal");
        routing.awaitLine(1);
        novice.presence("available", "desk");
        // the sweep runs every second: two rounds without an offer
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> true);
        assertThat(novice.current().get("offer").isNull()).isTrue();
    }

    @Test
    void aDeclinedOfferPutsTheItemBackInItsPlaceAndTheAgentAway() {
        String first = routing.newCase("normal");
        routing.awaitLine(1);
        String second = routing.newCase("normal");
        routing.awaitLine(2);
        LiveRouting.Agent agent = routing.agent(4);
        agent.presence("available", "desk");
        String offer = agent.awaitOffer();

        var declined = agent.api().post("/api/v1/offers/" + offer + "/decline", null);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);

        JsonNode line = routing.line();
        assertThat(line.get(0).get("caseId").asString()).isEqualTo(first);
        assertThat(line.get(0).get("status").asString()).isEqualTo("waiting");
        assertThat(line.get(1).get("caseId").asString()).isEqualTo(second);
        JsonNode me = agent.current();
        assertThat(me.get("state").asString()).isEqualTo("away");
        assertThat(me.get("reason").asString()).isEqualTo("missed offer");
        assertThat(me.get("offer").isNull()).isTrue();
    }

    @Test
    void higherPriorityWaitsAheadAndEveryItemHasAPositionAndEstimatedWait() {
        routing.newCase("low");
        routing.awaitLine(1);
        String urgent = routing.newCase("urgent");
        JsonNode line = routing.awaitLine(2);
        assertThat(line.get(0).get("caseId").asString()).isEqualTo(urgent);

        String lowItem = line.get(1).get("id").asString();
        var placed = routing.supervisor.get("/api/v1/work-items/" + lowItem);
        assertThat(placed.json().get("position").asInt()).isEqualTo(2);
        assertThat(placed.json().get("estimatedWaitSeconds").asLong()).isPositive();
    }

    @Test
    void afterARestartEveryWaitingItemIsBackInOrderAndNoAgentIsReserved() {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(routing.newCase("normal"));
            routing.awaitLine(i + 1);
        }
        LiveRouting.Agent agent = routing.agent(4);
        agent.presence("available", "desk");
        agent.awaitOffer();

        dispatcher.rebuild(); // what a start does after a crash: memory thrown away, rebuilt from the database

        // the open offer was withdrawn at start; the agent, still available, may be offered the head again
        JsonNode line = routing.line();
        assertThat(line.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(line.get(i).get("caseId").asString()).isEqualTo(cases.get(i));
        }
        assertThat(jdbc.sql("select count(*) from offer o join work_item w on w.id = o.work_item_id"
                                + " where o.status = 'withdrawn' and w.queue_id = ?::uuid")
                        .param(routing.queueId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aResolvedCaseLeavesTheQueueAndAReopenedOneComesBack() {
        String caseId = routing.newCase("normal");
        routing.awaitLine(1);
        var resolved = routing.supervisor.patch(
                "/api/v1/cases/" + caseId, "{\"status\": \"resolved\", \"disposition\": \"answered\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        routing.awaitLine(0);

        var reopened = routing.supervisor.patch("/api/v1/cases/" + caseId, "{\"status\": \"open\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        JsonNode line = routing.awaitLine(1);
        assertThat(line.get(0).get("caseId").asString()).isEqualTo(caseId);
    }

    @Test
    void transfersToAQueueCarryTheNoteAndSupervisorsForceAssign() {
        String caseId = routing.newCase("normal");
        String item = routing.awaitLine(1).get(0).get("id").asString();
        LiveRouting other = new LiveRouting(new TestApi(port, jdbc));

        var transferred = routing.supervisor.post(
                "/api/v1/work-items/" + item + "/transfer",
                "{\"queue\": \"%s\", \"note\": \"needs the other team\"}".formatted(other.queueId));
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        assertThat(routing.line().size()).isZero();
        JsonNode there = other.awaitLine(1).get(0);
        assertThat(there.get("note").asString()).isEqualTo("needs the other team");

        LiveRouting.Agent agent = other.agent(1);
        var forced =
                other.supervisor.post("/api/v1/work-items/" + item + "/assign", "{\"agent\": \"" + agent.id() + "\"}");
        assertThat(forced.status()).as(forced.toString()).isEqualTo(200);
        assertThat(agent.current().get("work").get(0).get("caseId").asString()).isEqualTo(caseId);
        var done = agent.api().post("/api/v1/work-items/" + item + "/complete", null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(agent.current().get("work").size()).isZero();
    }

    @Test
    void afterHoursALiveContactGetsTheQueuesActionAndACallbackForTheNextOpening() {
        var hours = routing.admin.put("/api/v1/queues/" + routing.queueId + "/hours", """
                {"timeZone": "Europe/Paris", "afterHours": "callback",
                 "openings": [{"day": "monday", "opens": "00:00", "closes": "00:01"}]}""");
        assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
        assertThat(hours.json().get("open").asBoolean()).isFalse();
        String caseId = routing.newCase("normal");
        // the case itself (written work) still waits
        routing.awaitLine(1);
        String callCase = routing.newCase("high");
        routing.awaitLine(2);
        routing.supervisor.delete(
                "/api/v1/work-items/" + routing.line().get(0).get("id").asString());

        var contact = routing.supervisor.post(
                "/api/v1/queues/" + routing.queueId + "/contacts",
                "{\"caseId\": \"%s\", \"channel\": \"voice\", \"phone\": \"+33 1 23 45 67 89\"}".formatted(callCase));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
        assertThat(contact.json().get("action").asString()).isEqualTo("callback");
        String callback = contact.json().get("workItem").asString();
        JsonNode item =
                routing.supervisor.get("/api/v1/work-items/" + callback).json().get("item");
        assertThat(item.get("kind").asString()).isEqualTo("callback");
        assertThat(item.get("notBefore").asString())
                .isEqualTo(contact.json().get("nextOpening").asString());
        assertThat(caseId).isNotBlank();

        var badHours =
                routing.admin.put("/api/v1/queues/" + routing.queueId + "/hours", "{\"timeZone\": \"Mars/Olympus\"}");
        assertThat(badHours.status()).isEqualTo(400);
        assertThat(badHours.body()).contains("timeZone");
    }

    @Test
    void aCallbackTakesOverTheCallersPlaceInLine() {
        String first = routing.newCase("normal");
        routing.awaitLine(1);
        String second = routing.newCase("normal");
        JsonNode line = routing.awaitLine(2);
        String firstItem = line.get(0).get("id").asString();

        var callback = routing.supervisor.post("/api/v1/callbacks", """
                {"caseId": "%s", "phone": "+1 555 0100", "replaces": "%s"}""".formatted(first, firstItem));
        assertThat(callback.status()).as(callback.toString()).isEqualTo(201);
        assertThat(callback.json().get("position").asInt()).isEqualTo(1);
        JsonNode now = routing.line();
        assertThat(now.get(0).get("kind").asString()).isEqualTo("callback");
        assertThat(now.get(1).get("caseId").asString()).isEqualTo(second);
    }

    @Test
    void anUnansweredOfferExpiresAndADesktopWithoutHeartbeatsTurnsItsAgentAway() {
        String caseId = routing.newCase("normal");
        routing.awaitLine(1);
        LiveRouting.Agent agent = routing.agent(4);
        agent.presence("available", "desk");
        agent.awaitOffer();

        BackdatingClock.at(Instant.now().plusSeconds(21), () -> {
            dispatcher.sweep();
            return null;
        });
        JsonNode me = agent.current();
        assertThat(me.get("state").asString()).isEqualTo("away");
        assertThat(me.get("reason").asString()).isEqualTo("missed offer");
        assertThat(routing.line().get(0).get("caseId").asString()).isEqualTo(caseId);
        assertThat(routing.line().get(0).get("status").asString()).isEqualTo("waiting");
    }

    @Test
    void aDesktopWithoutHeartbeatsTurnsItsAgentAway() {
        LiveRouting.Agent agent = routing.agent(4);
        assertThat(agent.presence("available", "desk-9").status()).isEqualTo(200);
        BackdatingClock.at(Instant.now().plusSeconds(20), () -> {
            dispatcher.sweep();
            return null;
        });
        assertThat(agent.current().get("state").asString()).isEqualTo("available");

        BackdatingClock.at(Instant.now().plusSeconds(31), () -> {
            dispatcher.sweep();
            return null;
        });
        JsonNode gone = agent.current();
        assertThat(gone.get("state").asString()).isEqualTo("away");
        assertThat(gone.get("reason").asString()).isEqualTo("desktop disconnected");
        // the desktop's hold lapsed with it: another desktop may take over
        assertThat(agent.presence("available", "desk-10").status()).isEqualTo(200);
    }

    @Test
    void aCaseMovedToAnotherQueueTakesItsWaitingItemAlong() {
        String caseId = routing.newCase("normal");
        routing.awaitLine(1);
        LiveRouting other = new LiveRouting(new TestApi(port, jdbc));

        var moved = routing.supervisor.patch("/api/v1/cases/" + caseId, "{\"queue\": \"" + other.queueName + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        JsonNode there = other.awaitLine(1);
        assertThat(there.get(0).get("caseId").asString()).isEqualTo(caseId);
        assertThat(routing.line().size()).isZero();
    }
}
