package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Every per-queue policy and the capacity rules, live through the API: the dispatcher delegates its
 * matching to the routing engine, and what the engine decides is stored, pushed and answered.
 */
@SwitchboardIntegrationTest
class LiveRoutingPoliciesIT {

    /** The API session: integrations without a desktop need not send heartbeats. */
    private static final String API = "api";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private LiveRouting routing;

    @BeforeEach
    void setUp() {
        routing = new LiveRouting(new TestApi(port, jdbc));
    }

    @Test
    void mostSkilledOffersTheHighestProficiencyNotTheLongestIdle() {
        policy(routing, "{\"policy\": \"most_skilled\"}");
        LiveRouting.Agent fair = routing.agent(3);
        LiveRouting.Agent expert = routing.agent(5);
        available(fair);
        available(expert);

        String item = enqueue(routing, "chat", "");

        assertThat(offeredItem(expert)).isEqualTo(item);
        assertThat(fair.current().get("offer").isNull()).isTrue();
    }

    @Test
    void leastOccupiedOffersTheAgentWithTheSmallestShareOfItsCapacityInUse() {
        policy(routing, "{\"policy\": \"least_occupied\"}");
        LiveRouting.Agent first = routing.agent(4);
        LiveRouting.Agent second = routing.agent(4);
        available(first);
        enqueue(routing, "chat", "");
        accept(first);
        // the first agent, ready again for chats with 1 of 3 in use, is ahead in idle order: least occupied
        // prefers the second (0 in use)
        available(second);

        String item = enqueue(routing, "chat", "");

        assertThat(offeredItem(second)).isEqualTo(item);
        assertThat(first.current().get("offer").isNull()).isTrue();
    }

    @Test
    void anAgentOnACallGetsNoOtherCallButTakesEmailsUpToItsCapacity() {
        LiveRouting.Agent agent = routing.agent(4);
        available(agent);
        enqueue(routing, "voice", "");
        accept(agent);

        String secondCall = enqueue(routing, "voice", "");
        for (int i = 0; i < 6; i++) {
            enqueue(routing, "email", "");
        }
        for (int i = 0; i < 5; i++) {
            accept(agent);
        }

        JsonNode me = agent.current();
        assertThat(me.get("load").get("voice").asInt()).isEqualTo(1);
        assertThat(me.get("load").get("email").asInt()).isEqualTo(5);
        assertThat(me.get("offer").isNull()).isTrue();
        JsonNode line = routing.line();
        assertThat(line.size()).isEqualTo(2);
        assertThat(line.findValuesAsString("id")).contains(secondCall);
        assertThat(line.findValuesAsString("status")).containsOnly("waiting");
    }

    @Test
    void anOverflowStepRelaxesTheSkillLevelAfterItsTime() {
        policy(routing, "{\"overflowSteps\": [{\"afterSeconds\": 3, \"relaxProficiencyBy\": 1}]}");
        LiveRouting.Agent novice = routing.agent(2);
        available(novice);

        String item = enqueue(routing, "chat", "");
        assertThat(novice.current().get("offer").isNull()).isTrue();

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> !novice.current().get("offer").isNull());
        assertThat(offeredItem(novice)).isEqualTo(item);
    }

    @Test
    void aReturningCustomersLastAgentGetsTheFirstOffer() {
        policy(routing, "{\"stickySeconds\": 60}");
        var hours = routing.admin.put("/api/v1/queues/" + routing.queueId + "/hours", "{\"wrapUpSeconds\": 0}");
        assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
        String email = "returning-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        LiveRouting.Agent last = routing.agent(4);
        LiveRouting.Agent other = routing.agent(4);
        available(last);
        newCase(email);
        String firstItem = accept(last);
        available(other); // idle now, longer than the returning customer's agent will be
        var done = last.api().post("/api/v1/work-items/" + firstItem + "/complete", null);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(last.current().get("state").asString()).isEqualTo("available");

        String caseId = newCase(email);

        String offered = last.awaitOffer();
        JsonNode item = routing.supervisor
                .get("/api/v1/work-items/" + offeredItem(last))
                .json()
                .get("item");
        assertThat(item.get("caseId").asString()).isEqualTo(caseId);
        assertThat(offered).isNotBlank();
        assertThat(other.current().get("offer").isNull()).isTrue();
    }

    @Test
    void platinumWaitsAheadOfGoldAheadOfStandard() {
        String standard = enqueue(routing, "chat", ", \"tier\": \"standard\"");
        String gold = enqueue(routing, "chat", ", \"tier\": \"gold\"");
        String platinum = enqueue(routing, "chat", ", \"tier\": \"platinum\"");

        JsonNode line = routing.line();
        assertThat(line.findValuesAsString("id")).containsExactly(platinum, gold, standard);
        assertThat(routing.supervisor
                        .post("/api/v1/work-items", """
                        {"queue": "%s", "channel": "chat", "tier": "diamond"}""".formatted(routing.queueId))
                        .body())
                .contains("tier");
        LiveRouting.Agent agent = routing.agent(4);
        available(agent);
        assertThat(offeredItem(agent)).isEqualTo(platinum);
    }

    @Test
    void aFullQueueRejectsOrSendsTheItemToItsOverflowQueue() {
        policy(routing, "{\"maxWaiting\": 2}");
        enqueue(routing, "email", "");
        enqueue(routing, "email", "");
        var rejected = routing.supervisor.post(
                "/api/v1/work-items", "{\"queue\": \"%s\", \"channel\": \"email\"}".formatted(routing.queueId));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(409);

        LiveRouting overflow = new LiveRouting(new TestApi(port, jdbc));
        policy(routing, "{\"maxWaiting\": 2, \"overflowQueue\": \"%s\"}".formatted(overflow.queueId));
        var sent = routing.supervisor.post(
                "/api/v1/work-items", "{\"queue\": \"%s\", \"channel\": \"email\"}".formatted(routing.queueId));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("item").get("queue").asString()).isEqualTo(overflow.queueId);
        assertThat(overflow.line().size()).isEqualTo(1);
        assertThat(routing.line().size()).isEqualTo(2);

        var bad = routing.admin.put("/api/v1/queues/" + routing.queueId + "/policy", """
                {"policy": "random", "agingPerSecond": -1, "overflowQueue": "no such queue",
                 "overflowSteps": [{"afterSeconds": -5}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body())
                .contains("\"policy\"")
                .contains("agingPerSecond")
                .contains("overflowQueue")
                .contains("overflowSteps[0].afterSeconds");
    }

    @Test
    void agingLetsALongerWaitingItemOvertakeAHigherPriorityOneOfAnotherQueue() throws Exception {
        LiveRouting aging = new LiveRouting(new TestApi(port, jdbc));
        policy(aging, "{\"agingPerSecond\": 5}");
        LiveRouting.Agent agent = routing.agent(4);
        // the agent works both queues: the second's team and skill too
        var patched = routing.admin.patch("/api/v1/users/" + agent.id(), """
                {"skills": [{"name": "%s", "proficiency": 4}, {"name": "%s", "proficiency": 4}]}""".formatted(routing.skill, aging.skill));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(routing.admin
                        .put("/api/v1/teams/" + aging.team.id() + "/members/" + agent.id(), null)
                        .status())
                .isBetween(200, 204);

        String older = enqueue(aging, "chat", ""); // base 10, gains 5 a second
        String urgent = enqueue(routing, "chat", ", \"priority\": 20"); // 30, no aging
        Thread.sleep(5_000); // the older item's effective priority passes 30 after 4 s
        available(agent);

        assertThat(offeredItem(agent)).isEqualTo(older);
        assertThat(urgent).isNotEqualTo(older);
    }

    @Test
    void anAssignedItemIsHandedToAnotherAgentWithinThatAgentsCapacity() {
        LiveRouting.Agent first = routing.agent(4);
        LiveRouting.Agent second = routing.agent(4);
        LiveRouting.Agent third = routing.agent(4);
        available(first);
        enqueue(routing, "voice", "");
        String call = accept(first);
        available(second);
        enqueue(routing, "voice", "");
        accept(second);

        // the second agent is on a call: a second call does not fit, and the first keeps it
        var full = first.api()
                .post("/api/v1/work-items/" + call + "/transfer", "{\"agent\": \"%s\"}".formatted(second.id()));
        assertThat(full.status()).as(full.toString()).isEqualTo(409);
        assertThat(first.current().get("work").findValuesAsString("id")).containsExactly(call);

        var transferred = first.api()
                .post(
                        "/api/v1/work-items/" + call + "/transfer",
                        "{\"agent\": \"%s\", \"note\": \"billing question\"}".formatted(third.id()));
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        assertThat(transferred.json().get("note").asString()).isEqualTo("billing question");
        assertThat(first.current().get("work").size()).isZero();
        assertThat(third.current().get("work").findValuesAsString("id")).containsExactly(call);
        assertThat(third.current().get("load").get("voice").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    private static void policy(LiveRouting queue, String json) {
        var response = queue.admin.put("/api/v1/queues/" + queue.queueId + "/policy", json);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static void available(LiveRouting.Agent agent) {
        var response = agent.presence("available", API);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** Enqueues an item through the API; returns its id. */
    private static String enqueue(LiveRouting queue, String channel, String more) {
        var response = queue.supervisor.post("/api/v1/work-items", """
                {"queue": "%s", "channel": "%s"%s}""".formatted(queue.queueId, channel, more));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("item").get("id").asString();
    }

    /** The item of the agent's open offer, waiting for the offer. */
    private String offeredItem(LiveRouting.Agent agent) {
        String offer = agent.awaitOffer();
        String item = jdbc.sql("select work_item_id::text from offer where id = ?::uuid")
                .param(offer)
                .query(String.class)
                .single();
        return item;
    }

    /** Accepts the agent's next offer; returns the item. */
    private String accept(LiveRouting.Agent agent) {
        String offer = agent.awaitOffer();
        var accepted = agent.api().post("/api/v1/offers/" + offer + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().get("id").asString();
    }

    /** A case of the customer with this email address in the queue (routed by the case event). */
    private String newCase(String email) {
        var response =
                routing.supervisor.post("/api/v1/cases", """
                {"subject": "Sticky %s", "customer": {"email": "%s"}, "queue": "%s",
                 "priority": "normal", "message": {"text": "Hello again."}}""".formatted(UUID.randomUUID(), email, routing.queueName));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
