package org.switchboard.channel.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Automatic acknowledgements against a real SMTP/IMAP server (GreenMail): a new case's first mail is
 * answered once, with our Message-ID, In-Reply-To the customer's mail, the case token and {@code
 * Auto-Submitted: auto-replied}, shown on the case timeline; the per-sender rate limit holds; auto-replies,
 * bulk, list mail, X-Autoreply and delivery reports are never acknowledged; a mail delivered twice is
 * acknowledged once; a queue without the setting sends nothing.
 */
@SwitchboardIntegrationTest
class EmailAutoAcknowledgementIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailIngestion ingestion;

    @Autowired
    OutboundMail outbound;

    TestMailServer mail;
    TestApi admin;
    QueueRef queue;
    String support;
    String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        mail = TestMailServer.start();
        var api = new TestApi(port, jdbc);
        RealQueues queues = RealQueues.on(api);
        admin = queues.admin();
        queue = queues.newQueue("ack");
        support = "ack-" + run + "@example.test";
        mail.createMailbox(admin, support, queue.name());
    }

    @AfterEach
    void tearDown() {
        mail.stop();
    }

    private void acknowledgements(boolean on) {
        var saved = admin.put(
                "/api/v1/channels/email/queues/" + queue.id(),
                "{\"autoAcknowledge\": " + on + ", \"signature\": \"The support team\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("autoAcknowledge").asBoolean()).isEqualTo(on);
    }

    private void send(String from, String messageId, String subject, Map<String, String> headers) throws Exception {
        MimeMessage message = new MimeMessage(mail.smtpSession()) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
        message.setSubject(subject, "UTF-8");
        message.setText("Hello, " + subject, "UTF-8");
        for (var h : headers.entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        Transport.send(message);
    }

    private void sendRaw(String raw) throws Exception {
        Session session = mail.smtpSession();
        MimeMessage message =
                new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))) {
                    @Override
                    protected void updateMessageID() {
                        // keep the raw Message-ID
                    }
                };
        Transport.send(message, new InternetAddress[] {new InternetAddress(support)});
    }

    private String statusOf(String messageId) {
        return jdbc.sql("select status from email_inbound where message_id = ? order by fetched_at limit 1")
                .param(messageId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private void ingest(String... messageIds) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ingestion.ingestNow(support);
                    for (String id : messageIds) {
                        String status = statusOf(id);
                        if (status == null || status.equals("stored")) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** Mail our mailbox sent to this address (acknowledgements and replies). */
    private List<MimeMessage> sentTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            if (m.getFrom() != null && m.getFrom()[0].toString().contains(support)) {
                for (var r : m.getAllRecipients()) {
                    if (r.toString().contains(address)) {
                        found.add(m);
                    }
                }
            }
        }
        return found;
    }

    @Test
    void aNewCaseIsAcknowledgedOnceWithLoopHeadersAndTheRateLimitHolds() throws Exception {
        acknowledgements(true);
        String ana = "ana-" + run + "@customer.test";
        String first = "first-" + run + "@customer.test";
        send(ana, first, "Parcel lost", Map.of());
        ingest(first);

        MimeMessage ack = await().atMost(Duration.ofSeconds(30))
                .until(() -> sentTo(ana), l -> !l.isEmpty())
                .getFirst();
        String caseId = jdbc.sql("select case_id::text from email_inbound where message_id = ?")
                .param(first)
                .query(String.class)
                .single();
        JsonNode view = admin.get("/api/v1/cases/" + caseId).json();
        String number = view.get("number").asString();
        assertThat(ack.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(ack.getHeader("In-Reply-To")[0]).isEqualTo("<" + first + ">");
        assertThat(ack.getHeader("References")[0]).contains("<" + first + ">");
        assertThat(ack.getSubject()).startsWith("Re: Parcel lost").contains("[" + number + "]");
        assertThat(ack.getAllRecipients()).hasSize(1);
        String body = ack.getContent().toString();
        if (ack.getContent() instanceof jakarta.mail.Multipart multipart) {
            body = multipart.getBodyPart(0).getContent().toString();
        }
        assertThat(body).contains(number, "Parcel lost", "The support team").doesNotContain("{{");
        String ourId = ack.getMessageID().replace("<", "").replace(">", "");
        assertThat(jdbc.sql(
                                "select message_id from email_outbound where case_id = ?::uuid and kind = 'acknowledgement'")
                        .param(caseId)
                        .query(String.class)
                        .single())
                .isEqualTo(ourId);

        // on the timeline: the system's message with its delivery status
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var items =
                    admin.get("/api/v1/cases/" + caseId + "/timeline").json().get("items");
            for (JsonNode e : items) {
                if (e.get("type").asString().equals("message")
                        && e.get("message").get("author").get("kind").asString().equals("system")) {
                    return e.get("messageId").asString().equals(ourId)
                            && e.get("message").get("deliveryStatus").asString().equals("sent");
                }
            }
            return false;
        });

        // the same mail delivered again: a duplicate, not acknowledged again
        send(ana, first, "Parcel lost", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ingestion.ingestNow(support);
            return jdbc.sql("select count(*) from email_inbound where message_id = ? and status = 'duplicate'")
                            .param(first)
                            .query(Long.class)
                            .single()
                    == 1;
        });
        // a sweep after it changes nothing either
        outbound.sendDue();

        // the rate limit: 3 per sender within an hour, so two more new cases are acknowledged, a third not
        List<String> more = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            String id = "more-" + i + "-" + run + "@customer.test";
            more.add(id);
            send(ana, id, "Another question " + i, Map.of());
        }
        ingest(more.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(ana).size() >= 3);
        Thread.sleep(1000);
        outbound.sendDue();
        assertThat(sentTo(ana)).hasSize(3);
        assertThat(jdbc.sql("select count(*) from email_outbound o join email_inbound i on i.id = o.inbound_id"
                                + " where i.message_id = any(?::text[])")
                        .param(more.toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        for (String id : more) {
            assertThat(statusOf(id)).as("each mail is a case").isEqualTo("ingested");
        }
    }

    @Test
    void machineMailIsNeverAcknowledged() throws Exception {
        acknowledgements(true);
        Map<String, Map<String, String>> machines = Map.of(
                "auto-submitted", Map.of("Auto-Submitted", "auto-replied"),
                "precedence", Map.of("Precedence", "bulk"),
                "x-autoreply", Map.of("X-Autoreply", "yes"),
                "list", Map.of("List-Id", "<news.lists.example>", "List-Unsubscribe", "<mailto:leave@example>"));
        List<String> ids = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        for (var machine : machines.entrySet()) {
            String from = machine.getKey() + "-" + run + "@robots.test";
            String id = machine.getKey() + "-" + run + "@robots.test";
            senders.add(from);
            ids.add(id);
            send(from, id, "Out of office: " + machine.getKey(), machine.getValue());
        }
        // a delivery status notification (RFC 3464) of a message we never sent
        String dsnFrom = "mailer-daemon-" + run + "@relay.test";
        String dsnId = "dsn-" + run + "@relay.test";
        senders.add(dsnFrom);
        ids.add(dsnId);
        sendRaw("""
                From: Mail Delivery System <%s>\r
                To: %s\r
                Subject: Undelivered Mail Returned to Sender\r
                Message-ID: <%s>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain\r
                \r
                Your message could not be delivered.\r
                --b1\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; relay.test\r
                \r
                Final-Recipient: rfc822; nobody@elsewhere.test\r
                Action: failed\r
                Status: 5.1.1\r
                \r
                --b1\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: <never-sent-%s@example.test>\r
                Subject: hello\r
                \r
                --b1--\r
                """.formatted(dsnFrom, support, dsnId, run));
        ingest(ids.toArray(String[]::new));
        // a human's mail right after: acknowledged, so the sweep ran and nothing else was waiting
        String human = "human-" + run + "@customer.test";
        String humanId = "human-" + run + "@customer.test";
        send(human, humanId, "A real question", Map.of());
        ingest(humanId);
        await().atMost(Duration.ofSeconds(30)).until(() -> !sentTo(human).isEmpty());
        outbound.sendDue();
        for (String sender : senders) {
            assertThat(sentTo(sender)).as("no acknowledgement to " + sender).isEmpty();
        }
        assertThat(statusOf(dsnId)).isEqualTo("reported");
        assertThat(jdbc.sql("select count(*) from email_outbound o join email_inbound i on i.id = o.inbound_id"
                                + " where i.message_id = any(?::text[])")
                        .param(ids.toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aQueueWithoutTheSettingSendsNoAcknowledgement() throws Exception {
        String bob = "bob-" + run + "@customer.test";
        String id = "quiet-" + run + "@customer.test";
        send(bob, id, "No acknowledgement please", Map.of());
        ingest(id);
        assertThat(statusOf(id)).isEqualTo("ingested");
        outbound.sendDue();
        assertThat(sentTo(bob)).isEmpty();
        assertThat(jdbc.sql("select count(*) from email_auto_ack where sender = ?")
                        .param(bob)
                        .query(Long.class)
                        .single())
                .as("nothing counted against the sender either")
                .isZero();
    }
}
