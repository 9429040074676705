package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.QuarantinedEmail;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** Quarantine and blocklist as administrators use them over the API; agents are turned away. */
@SwitchboardIntegrationTest
class EmailQuarantineIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailQuarantine quarantine;

    @Autowired
    EmailParser parser;

    private TestApi admin;
    private TestApi agent;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
        agent = api.as(api.createUser("agent"));
    }

    @Test
    void anUnparseableMessageIsKeptRawListedReprocessedAndDiscarded() {
        byte[] raw =
                ("From: a@example.com\r\nSubject: big\r\n\r\n" + "x".repeat(300)).getBytes(StandardCharsets.US_ASCII);
        var strict = new ParseLimits(100, 1000, 100, 100, 10, 1000, 100);
        var outcome = (ParseOutcome.Unparseable) parser.parse(raw, strict);
        QuarantinedEmail q =
                quarantine.quarantine("support@example.com", "7/" + run, raw, outcome.reason(), outcome.defects());
        // Ingestion retrying after a crash gets the same entry.
        assertThat(quarantine
                        .quarantine("support@example.com", "7/" + run, raw, outcome.reason(), List.of())
                        .id())
                .isEqualTo(q.id());

        var list = admin.get("/api/v1/channels/email/quarantine?status=quarantined&limit=500");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(q.id().toString()).contains("exceeds the limit");
        var rawResponse = admin.get("/api/v1/channels/email/quarantine/" + q.id() + "/raw");
        assertThat(rawResponse.status()).isEqualTo(200);
        assertThat(rawResponse.body()).isEqualTo(new String(raw, StandardCharsets.US_ASCII));
        assertThat(agent.get("/api/v1/channels/email/quarantine").status()).isEqualTo(403);

        // With the configured (larger) limits it parses now: released for ingestion.
        var reprocessed = admin.post("/api/v1/channels/email/quarantine/" + q.id() + "/reprocess", "{}");
        assertThat(reprocessed.status()).as(reprocessed.toString()).isEqualTo(200);
        assertThat(reprocessed.json().get("status").asString()).isEqualTo("released");
        assertThat(reprocessed.json().get("attempts").asInt()).isEqualTo(2);
        assertThat(admin.post("/api/v1/channels/email/quarantine/" + q.id() + "/discard", "{}")
                        .status())
                .isEqualTo(422);

        QuarantinedEmail binary =
                quarantine.quarantine("support@example.com", null, new byte[] {0, 0, 1}, "binary", List.of());
        assertThat(admin.post("/api/v1/channels/email/quarantine/" + binary.id() + "/reprocess", "{}")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("quarantined");
        var discarded = admin.post("/api/v1/channels/email/quarantine/" + binary.id() + "/discard", "{}");
        assertThat(discarded.json().get("status").asString()).isEqualTo("discarded");
        assertThat(admin.get("/api/v1/channels/email/quarantine/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theBlocklistIsManagedByAdministrators() {
        var added = admin.post(
                "/api/v1/channels/email/blocklist", "{\"pattern\":\"*.Spam-" + run + ".example\",\"note\":\"offers\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().get("pattern").asString()).isEqualTo("spam-" + run + ".example");
        String id = added.json().get("id").asString();

        var bad = admin.post("/api/v1/channels/email/blocklist", "{\"pattern\":\"not a domain\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"pattern\"");
        assertThat(agent.post("/api/v1/channels/email/blocklist", "{\"pattern\":\"x.example\"}")
                        .status())
                .isEqualTo(403);

        assertThat(admin.get("/api/v1/channels/email/blocklist").body()).contains("spam-" + run + ".example");
        assertThat(admin.delete("/api/v1/channels/email/blocklist/" + id).status())
                .isEqualTo(204);
        assertThat(admin.delete("/api/v1/channels/email/blocklist/" + id).status())
                .isEqualTo(404);
    }
}
