package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.create;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
class AttachmentIT {

    static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3, 4
    };

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi anonymous;
    TestApi.TestUser supervisorUser;
    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        supervisorUser = anonymous.createUser("supervisor");
        supervisor = anonymous.as(supervisorUser);
        queue = InMemoryQueues.register("files", new TeamId(UUID.randomUUID()));
    }

    @Test
    void theContentTypeIsSniffedAndTheDownloadIsAnAttachmentWithNosniff() {
        String id = create(supervisor, queue).get("id").asString();
        byte[] png = unique(PNG);

        var uploaded = CaseErrorsIT.upload(anonymous, supervisorUser, id, "evil.html", "text/html", png);

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(uploaded.json().get("filename").asString()).isEqualTo("evil.html");
        assertThat(uploaded.json().get("size").asLong()).isEqualTo(png.length);

        var download = supervisor.get(
                "/api/v1/attachments/" + uploaded.json().get("id").asString());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment")
                .contains("evil.html");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(png.length));
    }

    @Test
    void textIsSniffedAsText() {
        String id = create(supervisor, queue).get("id").asString();
        var uploaded = CaseErrorsIT.upload(
                anonymous,
                supervisorUser,
                id,
                "notes.pdf",
                "application/pdf",
                "just words\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.json().get("contentType").asString()).startsWith("text/plain");
        var download = supervisor.get(
                "/api/v1/attachments/" + uploaded.json().get("id").asString());
        assertThat(download.body()).isEqualTo("just words\n");
    }

    @Test
    void equalContentIsStoredOnceUnderItsSha256() {
        String id = create(supervisor, queue).get("id").asString();
        byte[] png = unique(PNG);

        var first = CaseErrorsIT.upload(anonymous, supervisorUser, id, "a.png", "image/png", png);
        var second = CaseErrorsIT.upload(anonymous, supervisorUser, id, "b.png", "image/png", png);

        String sha = first.json().get("sha256").asString();
        assertThat(second.json().get("sha256").asString()).isEqualTo(sha);
        assertThat(second.json().get("id").asString())
                .isNotEqualTo(first.json().get("id").asString());
        Path file = Path.of("target/it-data/attachments", sha.substring(0, 2), sha);
        assertThat(file).exists().hasBinaryContent(png);
    }

    @Test
    void aReplyCarriesUploadedAttachmentsOnceAndOthersAre400() throws Exception {
        String id = create(supervisor, queue).get("id").asString();
        String other = create(supervisor, queue).get("id").asString();
        String attachment = CaseErrorsIT.upload(anonymous, supervisorUser, id, "a.png", "image/png", unique(PNG))
                .json()
                .get("id")
                .asString();
        String foreign = CaseErrorsIT.upload(anonymous, supervisorUser, other, "b.png", "image/png", unique(PNG))
                .json()
                .get("id")
                .asString();

        var reply = supervisor.post(
                "/api/v1/cases/" + id + "/replies",
                "{\"text\": \"see file\", \"attachments\": [\"" + attachment + "\"]}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().get("attachments").get(0).get("id").asString()).isEqualTo(attachment);

        var reused = supervisor.post(
                "/api/v1/cases/" + id + "/replies", "{\"text\": \"again\", \"attachments\": [\"" + attachment + "\"]}");
        assertThat(reused.status()).isEqualTo(400);
        var fromAnotherCase = supervisor.post(
                "/api/v1/cases/" + id + "/notes", "{\"text\": \"x\", \"attachments\": [\"" + foreign + "\"]}");
        assertThat(fromAnotherCase.status()).isEqualTo(400);
        assertThat(fromAnotherCase.json().get("errors").get(0).get("field").asString())
                .isEqualTo("attachments");
    }

    @Test
    void anAgentCannotDownloadAnAttachmentOfACaseTheyCannotSee() {
        String id = create(supervisor, queue).get("id").asString();
        String attachment = CaseErrorsIT.upload(anonymous, supervisorUser, id, "a.png", "image/png", unique(PNG))
                .json()
                .get("id")
                .asString();
        TestApi agent = anonymous.as(anonymous.createUser("agent"));
        assertThat(agent.get("/api/v1/attachments/" + attachment).status()).isEqualTo(404);
    }

    private static byte[] unique(byte[] prefix) {
        byte[] random = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[prefix.length + random.length];
        System.arraycopy(prefix, 0, result, 0, prefix.length);
        System.arraycopy(random, 0, result, prefix.length, random.length);
        return result;
    }
}
