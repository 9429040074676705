package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent desk socket: offers pushed, answered on the same socket, with the HTTP API's rules and problems. */
@SwitchboardIntegrationTest
class AgentDeskSocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private LiveRouting routing;
    private Desk desk;

    @BeforeEach
    void setUp() {
        routing = new LiveRouting(new TestApi(port, jdbc));
    }

    @AfterEach
    void closeDesk() {
        if (desk != null) {
            desk.socket.abort();
        }
    }

    @Test
    void anOfferIsPushedAcceptedAndCompletedOnTheSocket() throws Exception {
        LiveRouting.Agent agent = routing.agent(4);
        desk = Desk.open(port, "Bearer " + token(agent));
        agent.presence("available", "desk");
        String caseId = routing.newCase("normal");

        JsonNode offer = desk.next("offer");
        assertThat(offer.get("data").get("caseId").asString()).isEqualTo(caseId);
        String offerId = offer.get("data").get("offer").asString();
        String workItem = offer.get("data").get("workItem").asString();

        JsonNode accepted = desk.act("{\"action\":\"accept\",\"offer\":\"" + offerId + "\",\"ref\":\"a1\"}");
        assertThat(accepted.get("ref").asString()).isEqualTo("a1");
        assertThat(accepted.get("status").asInt()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.get("data").get("status").asString()).isEqualTo("assigned");
        var caseView = routing.supervisor.get("/api/v1/cases/" + caseId);
        assertThat(caseView.json().get("assignee").get("id").asString()).isEqualTo(agent.id());

        // the same offer again: it ended when it was accepted; the socket answers as HTTP does
        JsonNode again = desk.act("{\"action\":\"accept\",\"offer\":\"" + offerId + "\",\"ref\":7}");
        var overHttp = agent.api().post("/api/v1/offers/" + offerId + "/accept", null);
        assertThat(again.get("ref").asInt()).isEqualTo(7);
        assertThat(again.get("status").asInt()).isEqualTo(overHttp.status()).isBetween(400, 499);
        assertThat(again.get("problem").get("type").asString())
                .isEqualTo(overHttp.json().get("type").asString());
        assertThat(again.get("problem").get("detail").asString())
                .isEqualTo(overHttp.json().get("detail").asString());

        JsonNode completed = desk.act("{\"action\":\"complete\",\"workItem\":\"" + workItem + "\"}");
        assertThat(completed.get("status").asInt()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.get("data").get("status").asString()).isEqualTo("completed");
        assertThat(agent.current().get("work").size()).isZero();

        // today's figures of the queue (read again every few seconds) count the handled item
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> routing.supervisor
                                .get("/api/v1/queues/" + routing.queueId + "/stats")
                                .json()
                                .get("meanHandleSeconds")
                                .asDouble()
                        > 0);
    }

    @Test
    void badMessagesAreAnsweredWithProblemsNamingTheFieldAndTheSocketStaysOpen() throws Exception {
        LiveRouting.Agent agent = routing.agent(4);
        desk = Desk.open(port, "Bearer " + token(agent));

        JsonNode notJson = desk.act("accept please");
        assertThat(notJson.get("status").asInt()).isEqualTo(400);
        assertThat(field(notJson)).isEqualTo("action");

        JsonNode unknownAction = desk.act("{\"action\":\"grab\",\"offer\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownAction.get("status").asInt()).isEqualTo(400);
        assertThat(field(unknownAction)).isEqualTo("action");

        JsonNode missingOffer = desk.act("{\"action\":\"accept\"}");
        assertThat(missingOffer.get("status").asInt()).isEqualTo(400);
        assertThat(field(missingOffer)).isEqualTo("offer");

        JsonNode numberItem = desk.act("{\"action\":\"complete\",\"workItem\":12}");
        assertThat(numberItem.get("status").asInt()).isEqualTo(400);
        assertThat(field(numberItem)).isEqualTo("workItem");

        JsonNode unknownOffer = desk.act("{\"action\":\"decline\",\"offer\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownOffer.get("status").asInt()).isEqualTo(404);

        JsonNode unknownItem = desk.act("{\"action\":\"complete\",\"workItem\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownItem.get("status").asInt()).isEqualTo(404);
        assertThat(desk.socket.isInputClosed()).isFalse();
    }

    @Test
    void aDeclineOverTheSocketPutsTheItemBackAndTheAgentAway() throws Exception {
        LiveRouting.Agent agent = routing.agent(4);
        desk = Desk.open(port, "Bearer " + token(agent));
        agent.presence("available", "desk");
        routing.newCase("normal");

        String offerId = desk.next("offer").get("data").get("offer").asString();
        JsonNode declined = desk.act("{\"action\":\"decline\",\"offer\":\"" + offerId + "\"}");
        assertThat(declined.get("status").asInt()).as(declined.toString()).isEqualTo(200);
        assertThat(agent.current().get("state").asString()).isEqualTo("away");
        assertThat(routing.awaitLine(1).size()).isEqualTo(1);
    }

    @Test
    void withoutCredentialsTheHandshakeIsRefusedAndADeactivatedUsersSocketCloses() throws Exception {
        assertThatThrownBy(() -> Desk.open(port, null))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> Desk.open(port, "Bearer not-a-token"))
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));

        LiveRouting.Agent agent = routing.agent(4);
        desk = Desk.open(port, "Bearer " + token(agent));
        var deactivated = routing.admin.post("/api/v1/users/" + agent.id() + "/deactivate", null);
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(desk.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("close code; received meanwhile: %s", desk.received)
                .isEqualTo(1008);
    }

    private static String field(JsonNode reply) {
        return reply.get("problem").get("errors").get(0).get("field").asString();
    }

    private static String token(LiveRouting.Agent agent) {
        var created = agent.api().post("/api/v1/me/tokens", "{\"name\":\"desk\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("token").asString();
    }

    /** A desk client: every message received, in order, and the close code when the server closes. */
    private static final class Desk implements WebSocket.Listener {

        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Desk open(int port, String authorization) throws Exception {
            Desk desk = new Desk();
            var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            desk.socket = builder.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/routing/desk"), desk)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return desk;
        }

        /** Sends a message and returns the next reply. */
        JsonNode act(String message) throws Exception {
            socket.sendText(message, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return next("reply");
        }

        /** The next message of {@code event}, skipping others (heartbeats, presence, work notices). */
        JsonNode next(String event) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode message = received.poll(100, TimeUnit.MILLISECONDS);
                if (message != null
                        && event.equals(message.get("event").asString())
                        && (!event.equals("offer") || message.get("data").hasNonNull("offer"))) {
                    return message;
                }
            }
            throw new AssertionError("no " + event + " within " + WAIT + "; left: " + received);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
