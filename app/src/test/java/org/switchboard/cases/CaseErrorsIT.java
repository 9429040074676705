package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.create;
import static org.switchboard.cases.CaseTests.unique;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/** Every error of the case API: 400 naming the field, 404, 409/422, 412, 413, 403 - never a 500. */
@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class CaseErrorsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi anonymous;
    TestApi supervisor;
    TestApi.TestUser supervisorUser;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        supervisorUser = anonymous.createUser("supervisor");
        supervisor = anonymous.as(supervisorUser);
        queue = InMemoryQueues.register("errors", new TeamId(UUID.randomUUID()));
    }

    private String body(String subject, String customer, String queueName, String priority, String message) {
        return """
                {"subject": %s, "customer": %s, "queue": %s, "priority": %s, "message": %s}""".formatted(subject, customer, queueName, priority, message);
    }

    private String valid() {
        return body(
                "\"Broken\"",
                "{\"email\": \"" + unique("e") + "@example.test\"}",
                "\"" + queue.name() + "\"",
                "\"normal\"",
                "{\"text\": \"hi\"}");
    }

    private void assertField(TestApi.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void theValidBodyIsAccepted() {
        assertThat(supervisor.post("/api/v1/cases", valid()).status()).isEqualTo(201);
    }

    @Test
    void malformedJsonIs400() {
        var response = supervisor.post("/api/v1/cases", "{\"subject\": \"x\", ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void anUnknownPriorityIs400NamingPriority() {
        assertField(supervisor.post("/api/v1/cases", valid().replace("\"normal\"", "\"extreme\"")), 400, "priority");
    }

    @Test
    void anInvalidCustomerEmailIs400NamingIt() {
        String bad = body(
                "\"Broken\"",
                "{\"email\": \"not-an-email\"}",
                "\"" + queue.name() + "\"",
                "\"normal\"",
                "{\"text\": \"hi\"}");
        assertField(supervisor.post("/api/v1/cases", bad), 400, "customer.email");
    }

    @Test
    void aMissingOrUnknownCustomerIs400() {
        assertField(
                supervisor.post(
                        "/api/v1/cases",
                        body("\"Broken\"", "null", "\"" + queue.name() + "\"", "\"normal\"", "{\"text\": \"hi\"}")),
                400,
                "customer");
        assertField(
                supervisor.post(
                        "/api/v1/cases",
                        body(
                                "\"Broken\"",
                                "{\"id\": \"" + UUID.randomUUID() + "\"}",
                                "\"" + queue.name() + "\"",
                                "\"normal\"",
                                "{\"text\": \"hi\"}")),
                400,
                "customer.id");
    }

    @Test
    void anUnknownQueueIs400NamingQueue() {
        assertField(supervisor.post("/api/v1/cases", valid().replace(queue.name(), "no-such-queue")), 400, "queue");
    }

    @Test
    void aBlankOrTooLongSubjectIs400NamingSubject() {
        assertField(supervisor.post("/api/v1/cases", valid().replace("\"Broken\"", "\"  \"")), 400, "subject");
        assertField(
                supervisor.post("/api/v1/cases", valid().replace("\"Broken\"", "\"" + "x".repeat(251) + "\"")),
                400,
                "subject");
    }

    @Test
    void aMissingOrBlankMessageIs400() {
        assertField(supervisor.post("/api/v1/cases", valid().replace("{\"text\": \"hi\"}", "null")), 400, "message");
        assertField(
                supervisor.post("/api/v1/cases", valid().replace("{\"text\": \"hi\"}", "{\"text\": \" \"}")),
                400,
                "message.text");
    }

    @Test
    void aWrongJsonTypeIs400NamingTheField() {
        assertField(supervisor.post("/api/v1/cases", valid().replace("{\"text\": \"hi\"}", "[1]")), 400, "message");
    }

    @Test
    void invalidListParametersAre400() {
        assertField(supervisor.get("/api/v1/cases?sort=sideways"), 400, "sort");
        assertField(supervisor.get("/api/v1/cases?status=sleeping"), 400, "status");
        assertField(supervisor.get("/api/v1/cases?updatedSince=yesterday"), 400, "updatedSince");
        assertField(supervisor.get("/api/v1/cases?cursor=!!!"), 400, "cursor");
        assertField(supervisor.get("/api/v1/cases?limit=0"), 400, "limit");
        assertField(supervisor.get("/api/v1/cases?limit=ten"), 400, "limit");
        assertField(supervisor.get("/api/v1/cases?assignee=somebody"), 400, "assignee");
        assertField(supervisor.get("/api/v1/cases?queue=nowhere"), 400, "queue");
    }

    @Test
    void invalidPatchesAre400() {
        String id = create(supervisor, queue).get("id").asString();
        assertField(supervisor.patch("/api/v1/cases/" + id, "{\"colour\": \"red\"}"), 400, "colour");
        assertField(supervisor.patch("/api/v1/cases/" + id, "{\"priority\": 3}"), 400, "priority");
        assertField(
                supervisor.patch("/api/v1/cases/" + id, "{\"assignee\": \"" + UUID.randomUUID() + "\"}"),
                400,
                "assignee");
        assertField(supervisor.patch("/api/v1/cases/" + id, "{\"tags\": \"a\"}"), 400, "tags");
        assertField(
                supervisor.patch("/api/v1/cases/" + id, "{\"priority\": \"high\"}", "If-Match", "yesterday"),
                400,
                "If-Match");
    }

    @Test
    void aForbiddenTransitionIs422() {
        String id = create(supervisor, queue).get("id").asString();
        supervisor.patch("/api/v1/cases/" + id, "{\"status\": \"closed\"}");
        var response = supervisor.patch("/api/v1/cases/" + id, "{\"status\": \"open\"}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
    }

    @Test
    void aStaleIfMatchIs412() {
        String id = create(supervisor, queue).get("id").asString();
        assertThat(supervisor
                        .patch("/api/v1/cases/" + id, "{\"priority\": \"high\"}", "If-Match", "\"7\"")
                        .status())
                .isEqualTo(412);
    }

    @Test
    void aJsonBodyOverOneMebibyteIs413() {
        String huge = valid().replace("\"hi\"", "\"" + "x".repeat(1024 * 1024 + 10) + "\"");
        assertThat(supervisor.post("/api/v1/cases", huge).status()).isEqualTo(413);
    }

    @Test
    void anAttachmentOverTheLimitIs413() {
        String id = create(supervisor, queue).get("id").asString();
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        var response = upload(id, "big.bin", big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(jdbc.sql("select count(*) from case_attachment where case_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void unknownIdsAre404() {
        assertThat(supervisor.get("/api/v1/cases/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(supervisor.get("/api/v1/cases/SB-999999999").status()).isEqualTo(404);
        assertThat(supervisor.get("/api/v1/cases/not-a-case").status()).isEqualTo(404);
        assertThat(supervisor
                        .get("/api/v1/cases/" + UUID.randomUUID() + "/timeline")
                        .status())
                .isEqualTo(404);
        assertThat(supervisor
                        .patch("/api/v1/cases/" + UUID.randomUUID(), "{\"priority\": \"high\"}")
                        .status())
                .isEqualTo(404);
        assertThat(supervisor
                        .post("/api/v1/cases/" + UUID.randomUUID() + "/replies", "{\"text\": \"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(supervisor.get("/api/v1/attachments/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(supervisor
                        .get("/api/v1/canned-responses/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anAgentDoingASupervisorsJobIs403() {
        TestApi agent = anonymous.as(anonymous.createUser("agent"));
        assertThat(agent.post("/api/v1/canned-responses", "{\"name\": \"x\", \"body\": \"y\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.get("/api/v1/events").status()).isEqualTo(403);
    }

    @Test
    void anonymousCallsAre401() {
        assertThat(anonymous.get("/api/v1/cases").status()).isEqualTo(401);
    }

    TestApi.Response upload(String caseId, String filename, byte[] content) {
        return upload(anonymous, supervisorUser, caseId, filename, "application/octet-stream", content);
    }

    /** A multipart upload of one part {@code file}. */
    static TestApi.Response upload(
            TestApi api, TestApi.TestUser user, String caseId, String filename, String claimedType, byte[] content) {
        String boundary = "----switchboard" + UUID.randomUUID();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: " + claimedType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        String credentials = Base64.getEncoder()
                .encodeToString((user.username() + ":" + TestApi.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return api.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/cases/" + caseId + "/attachments"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }
}
