package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class GuidedFlowsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublicRateLimit rateLimit;

    TestApi anonymous;
    TestApi admin;
    TestApi supervisor;
    QueueRef billing;

    @BeforeEach
    void setUp() {
        rateLimit.clear();
        anonymous = new TestApi(port, jdbc);
        RealQueues queues = RealQueues.on(anonymous);
        admin = queues.admin();
        supervisor = anonymous.as(anonymous.createUser("supervisor"));
        billing = queues.newQueue("billing");
    }

    /** Printer trouble: is it on? no → ending "switch it on"; yes → open a case in billing. */
    String definition(String question, String nextForYes) {
        return definition(question, nextForYes, "open_case", billing);
    }

    /** Is it on? no → ending "switch it on"; yes → the ending {@code esc} of this kind in this queue. */
    String definition(String question, String nextForYes, String escalation, QueueRef queue) {
        return """
                {"start": "q1", "steps": [
                  {"key": "q1", "kind": "question", "text": "%s",
                   "options": [{"key": "yes", "label": "Yes", "next": "%s"}, {"key": "no", "label": "No", "next": "on"}]},
                  {"key": "on", "kind": "message", "text": "Switch it on and try again"},
                  {"key": "esc", "kind": "%s", "text": "We will look into it", "queue": "%s"}
                ]}""".formatted(question, nextForYes, escalation, queue.name());
    }

    String callbackDefinition(QueueRef callbacks) {
        return definition("Is it urgent?", "esc", "callback", callbacks);
    }

    /** The queue's waiting line once it holds {@code count} items (routing enqueues after the commit). */
    JsonNode awaitLine(QueueRef queue, int count) {
        JsonNode[] line = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            var response = supervisor.get("/api/v1/queues/" + queue.id() + "/work-items");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            line[0] = response.json();
            return line[0].size() >= count;
        });
        return line[0];
    }

    String createFlow(String audience, String definition) {
        var response = admin.post("/api/v1/knowledge/flows", """
                {"name": "Printer %s", "audience": "%s", "language": "en", "definition": %s}""".formatted(UUID.randomUUID(), audience, definition));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("summary").get("id").asString();
    }

    String publish(String flow) {
        var response = admin.post("/api/v1/knowledge/flows/" + flow + "/publish", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("summary").get("publishedVersion").asString();
    }

    String newCase() {
        var response = supervisor.post("/api/v1/cases", """
                {"subject": "Printer broken", "customer": {"email": "%s@example.test"}, "queue": "%s",
                 "message": {"text": "My printer does not print"}}""".formatted(UUID.randomUUID(), billing.name()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    @Test
    void aDanglingStepIsNamedAndBlocksPublishing() {
        String flow = createFlow("both", definition("Is it on?", "missing"));

        var view = admin.get("/api/v1/knowledge/flows/" + flow).json();
        var publish = admin.post("/api/v1/knowledge/flows/" + flow + "/publish", null);

        assertThat(view.get("problems").get(0).get("field").asString()).isEqualTo("steps[0].options[0].next");
        assertThat(publish.status()).isEqualTo(400);
        assertThat(publish.json().get("errors").get(0).get("field").asString()).isEqualTo("steps[0].options[0].next");
    }

    @Test
    void aCycleIsAnErrorUnlessTheOptionIsMarkedAsALoop() {
        String cycle = """
                {"start": "q1", "steps": [
                  {"key": "q1", "kind": "question", "text": "First?", "options": [{"label": "On", "next": "q2"}]},
                  {"key": "q2", "kind": "question", "text": "Second?",
                   "options": [{"label": "Again", "next": "q1" %s}, {"label": "Done", "next": "end"}]},
                  {"key": "end", "kind": "message", "text": "Fine"}
                ]}""";
        String unintended = createFlow("both", cycle.formatted(""));
        String intended = createFlow("both", cycle.formatted(", \"loop\": true"));
        String trapped = createFlow("both", """
                {"start": "q1", "steps": [
                  {"key": "q1", "kind": "question", "text": "First?", "options": [{"label": "On", "next": "q2"}]},
                  {"key": "q2", "kind": "question", "text": "Second?", "options": [{"label": "Back", "next": "q1", "loop": true}]}
                ]}""");

        assertThat(problems(unintended)).containsExactly("steps[1].options[0].next");
        assertThat(problems(intended)).isEmpty();
        assertThat(problems(trapped)).contains("steps[0]", "steps[1]");
    }

    private List<String> problems(String flow) {
        List<String> fields = new ArrayList<>();
        admin.get("/api/v1/knowledge/flows/" + flow)
                .json()
                .get("problems")
                .forEach(p -> fields.add(p.get("field").asString()));
        return fields;
    }

    @Test
    void anAgentRunRecordsItsPathOnTheCaseAndKeepsItsVersionAfterARepublish() {
        String flow = createFlow("agents", definition("Is the printer on?", "esc"));
        assertThat(publish(flow)).isEqualTo("1");
        String caseId = newCase();

        var started =
                supervisor.post("/api/v1/knowledge/flows/" + flow + "/runs", "{\"caseId\": \"%s\"}".formatted(caseId));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String run = started.json().get("id").asString();
        assertThat(started.json().get("current").get("text").asString()).isEqualTo("Is the printer on?");

        // A new version while the run is under way: the run stays on version 1.
        var edit = admin.put(
                "/api/v1/knowledge/flows/" + flow,
                "{\"definition\": %s}".formatted(definition("Is it plugged in?", "esc")));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(publish(flow)).isEqualTo("2");

        var chosen = supervisor.post(
                "/api/v1/knowledge/flow-runs/" + run + "/choices", "{\"step\": \"q1\", \"option\": \"yes\"}");
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        JsonNode done = chosen.json();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("flowVersion").asInt()).isEqualTo(1);
        assertThat(done.get("current").get("kind").asString()).isEqualTo("open_case");
        assertThat(done.get("path").get(0).get("question").asString()).isEqualTo("Is the printer on?");

        var again = supervisor.post(
                "/api/v1/knowledge/flow-runs/" + run + "/choices", "{\"step\": \"q1\", \"option\": \"no\"}");
        assertThat(again.status()).isEqualTo(409);

        JsonNode notes =
                supervisor.get("/api/v1/cases/" + caseId + "/messages").json().get("items");
        String note = notes.get(notes.size() - 1).get("text").asString();
        assertThat(notes.get(notes.size() - 1).get("visibility").asString()).isEqualTo("internal");
        assertThat(note).contains("Is the printer on?", "Yes", "We will look into it");

        var second =
                supervisor.post("/api/v1/knowledge/flows/" + flow + "/runs", "{\"caseId\": \"%s\"}".formatted(caseId));
        assertThat(second.json().get("flowVersion").asInt()).isEqualTo(2);
        assertThat(second.json().get("current").get("text").asString()).isEqualTo("Is it plugged in?");
        assertThat(supervisor
                        .get("/api/v1/knowledge/flow-runs?caseId=" + caseId)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void aSelfServiceRunEndingInOpenCaseCreatesACaseWithThePathAsContext() {
        String flow = createFlow("customers", definition("Is the printer on?", "esc"));
        publish(flow);

        assertThat(anonymous.get("/api/v1/help/flows").body()).contains(flow);
        var started = anonymous.post("/api/v1/help/flows/" + flow + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String run = started.json().get("id").asString();
        anonymous.post("/api/v1/help/flows/runs/" + run + "/choices", "{\"step\": \"q1\", \"option\": \"yes\"}");

        var bad = anonymous.post("/api/v1/help/flows/runs/" + run + "/case", "{\"email\": \"not-an-address\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("email");

        String email = UUID.randomUUID() + "@example.test";
        var opened = anonymous.post(
                "/api/v1/help/flows/runs/" + run + "/case",
                "{\"email\": \"%s\", \"name\": \"Ana\", \"message\": \"Still nothing\"}".formatted(email));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String number = opened.json().get("caseNumber").asString();

        JsonNode theCase = supervisor.get("/api/v1/cases/" + number).json();
        assertThat(theCase.get("queue").get("name").asString()).isEqualTo(billing.name());
        assertThat(theCase.get("channel").asString()).isEqualTo("portal");
        assertThat(theCase.get("tags").toString()).contains("guided-flow");
        String first = supervisor
                .get("/api/v1/cases/" + number + "/messages")
                .json()
                .get("items")
                .get(0)
                .get("text")
                .asString();
        assertThat(first).contains("Still nothing", "Is the printer on?", "Yes", "We will look into it");

        var twice = anonymous.post("/api/v1/help/flows/runs/" + run + "/case", "{\"email\": \"%s\"}".formatted(email));
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void anAgentsFlowIsInvisibleToCustomers() {
        String flow = createFlow("agents", definition("Is it on?", "esc"));
        publish(flow);

        assertThat(anonymous.get("/api/v1/help/flows").body()).doesNotContain(flow);
        assertThat(anonymous.post("/api/v1/help/flows/" + flow + "/runs", null).status())
                .isEqualTo(404);
    }

    @Test
    void theReportCountsReachedCompletedAndDroppedOffPerStep() {
        String flow = createFlow("customers", definition("Is it on?", "esc"));
        publish(flow);
        // Three runs: one switches it on (completes), one escalates (completes), one gives up at q1.
        for (String option : List.of("no", "yes")) {
            String run = anonymous
                    .post("/api/v1/help/flows/" + flow + "/runs", null)
                    .json()
                    .get("id")
                    .asString();
            anonymous.post(
                    "/api/v1/help/flows/runs/" + run + "/choices",
                    "{\"step\": \"q1\", \"option\": \"%s\"}".formatted(option));
        }
        String dropped = anonymous
                .post("/api/v1/help/flows/" + flow + "/runs", null)
                .json()
                .get("id")
                .asString();
        anonymous.post("/api/v1/help/flows/runs/" + dropped + "/abandon", null);

        JsonNode report =
                supervisor.get("/api/v1/knowledge/flows/" + flow + "/report").json();

        assertThat(report.get("started").asLong()).isEqualTo(3);
        assertThat(report.get("completed").asLong()).isEqualTo(2);
        assertThat(report.get("droppedOff").asLong()).isEqualTo(1);
        JsonNode q1 = report.get("steps").get(0);
        assertThat(q1.get("reached").asLong()).isEqualTo(3);
        assertThat(q1.get("continued").asLong()).isEqualTo(2);
        assertThat(q1.get("droppedOff").asLong()).isEqualTo(1);
        assertThat(report.get("steps").get(1).get("completed").asLong()).isEqualTo(1);
        assertThat(report.get("steps").get(2).get("completed").asLong()).isEqualTo(1);
    }

    @Test
    void aSelfServiceCallbackEndingPutsOneCallbackWithTheChosenTimeInTheQueue() {
        QueueRef callbacks = RealQueues.on(anonymous).newQueue("callbacks");
        String flow = createFlow("customers", callbackDefinition(callbacks));
        publish(flow);
        String run = anonymous
                .post("/api/v1/help/flows/" + flow + "/runs", null)
                .json()
                .get("id")
                .asString();
        anonymous.post("/api/v1/help/flows/runs/" + run + "/choices", "{\"step\": \"q1\", \"option\": \"yes\"}");
        String email = UUID.randomUUID() + "@example.test";

        var past = anonymous.post(
                "/api/v1/help/flows/runs/" + run + "/case",
                "{\"email\": \"%s\", \"phone\": \"+33 1 23 45 67 89\", \"at\": \"2020-01-01T09:00:00Z\"}"
                        .formatted(email));
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("at");
        var noTime = anonymous.post(
                "/api/v1/help/flows/runs/" + run + "/case",
                "{\"email\": \"%s\", \"phone\": \"+33 1 23 45 67 89\", \"at\": \"tomorrow\"}".formatted(email));
        assertThat(noTime.status()).as(noTime.toString()).isEqualTo(400);
        assertThat(noTime.json().get("errors").get(0).get("field").asString()).isEqualTo("at");
        assertThat(supervisor
                        .get("/api/v1/queues/" + callbacks.id() + "/work-items")
                        .json()
                        .size())
                .isZero();

        Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        var opened = anonymous.post(
                "/api/v1/help/flows/runs/" + run + "/case",
                "{\"email\": \"%s\", \"phone\": \"+33 1 23 45 67 89\", \"at\": \"%s\"}".formatted(email, at));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String number = opened.json().get("caseNumber").asString();
        JsonNode theCase = supervisor.get("/api/v1/cases/" + number).json();
        assertThat(theCase.get("tags").toString()).contains("callback");

        JsonNode line = awaitLine(callbacks, 1);
        JsonNode item = line.get(0);
        assertThat(item.get("kind").asString()).isEqualTo("callback");
        assertThat(item.get("channel").asString()).isEqualTo("voice");
        assertThat(item.get("caseId").asString()).isEqualTo(theCase.get("id").asString());
        assertThat(item.get("phone").asString()).isEqualTo("+33123456789");
        assertThat(Instant.parse(item.get("notBefore").asString())).isEqualTo(at);
        assertThat(item.get("status").asString()).isEqualTo("waiting");
        // The callback stands for the new case: the case does not also wait as written work.
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> supervisor
                                .get("/api/v1/queues/" + callbacks.id() + "/work-items")
                                .json()
                                .size()
                        == 1);
    }

    @Test
    void anAgentsCallbackEndingReplacesTheCasesWaitingItemWithACallbackToTheCustomer() {
        QueueRef callbacks = RealQueues.on(anonymous).newQueue("callbacks");
        String flow = createFlow("agents", callbackDefinition(callbacks));
        publish(flow);
        String caseId = newCase();
        awaitLine(billing, 1);
        String run = supervisor
                .post("/api/v1/knowledge/flows/" + flow + "/runs", "{\"caseId\": \"%s\"}".formatted(caseId))
                .json()
                .get("id")
                .asString();
        supervisor.post("/api/v1/knowledge/flow-runs/" + run + "/choices", "{\"step\": \"q1\", \"option\": \"yes\"}");

        // The customer wrote by email only: there is no number to call until the agent gives one.
        var noNumber = supervisor.post("/api/v1/knowledge/flow-runs/" + run + "/action", null);
        assertThat(noNumber.status()).as(noNumber.toString()).isEqualTo(400);
        assertThat(noNumber.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");

        var done =
                supervisor.post("/api/v1/knowledge/flow-runs/" + run + "/action", "{\"phone\": \"+1 555 010 0199\"}");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("tags").toString()).contains("callback");
        assertThat(done.json().get("queue").get("name").asString()).isEqualTo(callbacks.name());

        // The case's waiting item may first follow the case to the callback queue; the callback replaces it.
        JsonNode[] line = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            line[0] = supervisor
                    .get("/api/v1/queues/" + callbacks.id() + "/work-items")
                    .json();
            return line[0].size() == 1 && line[0].get(0).get("kind").asString().equals("callback");
        });
        JsonNode item = line[0].get(0);
        assertThat(item.get("caseId").asString()).isEqualTo(caseId);
        assertThat(item.get("phone").asString()).isEqualTo("+15550100199");
        assertThat(item.get("notBefore").isNull()).isTrue();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> supervisor
                        .get("/api/v1/queues/" + billing.id() + "/work-items")
                        .json()
                        .isEmpty());
        assertThat(supervisor
                        .get("/api/v1/queues/" + callbacks.id() + "/work-items")
                        .json()
                        .size())
                .isEqualTo(1);
    }
}
