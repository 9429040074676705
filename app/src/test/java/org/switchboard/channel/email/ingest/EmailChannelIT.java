package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
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
 * The email channel against a real IMAP/SMTP server (GreenMail): a mailbox configured over the API, mail
 * fetched (IDLE) and flagged, a case with the Message-ID and threading rule on its timeline, Cc recipients
 * as participants, a reply sent over SMTP with our Message-ID, In-Reply-To, References and the case token,
 * the customer's answer threaded back, duplicates ignored, and four-eyes approval.
 */
@SwitchboardIntegrationTest
class EmailChannelIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailIngestion ingestion;

    @Autowired
    MailboxWatchers watchers;

    TestMailServer mail;
    TestApi admin;
    TestApi supervisor;
    QueueRef queue;
    String support;
    String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        mail = TestMailServer.start();
        var api = new TestApi(port, jdbc);
        RealQueues queues = RealQueues.on(api);
        admin = queues.admin();
        supervisor = api.as(api.createUser("supervisor"));
        queue = queues.newQueue("email");
        support = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        mail.addUser("ana@customer.test", "pw");
        mail.addUser("bob@customer.test", "pw");
    }

    @AfterEach
    void tearDown() {
        mail.stop();
    }

    private String createMailbox() {
        return mail.createMailbox(admin, support, queue.name());
    }

    private void sendAs(String messageId, String subject, String body, String inReplyTo, String... cc)
            throws Exception {
        MimeMessage message = new MimeMessage(mail.smtpSession()) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress("ana@customer.test", "Ana Lima"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
        for (String c : cc) {
            message.addRecipient(Message.RecipientType.CC, new InternetAddress(c));
        }
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        if (inReplyTo != null) {
            message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            message.setHeader("References", "<" + inReplyTo + ">");
        }
        message.saveChanges();
        Transport.send(message);
    }

    private JsonNode caseOf(String messageId) {
        try {
            return caseOf(messageId, 30);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "not ingested; inbound rows: "
                            + jdbc.sql("select uid || ':' || status || ':' || coalesce(detail, '') from email_inbound i"
                                            + " join email_mailbox m on m.id = i.mailbox_id where m.address = ?")
                                    .param(support)
                                    .query(String.class)
                                    .list()
                            + "; health: "
                            + admin.get("/api/v1/channels/email/mailboxes/" + support)
                                    .body(),
                    e);
        }
    }

    private JsonNode caseOf(String messageId, int seconds) {
        String caseId = await().atMost(Duration.ofSeconds(seconds))
                .until(
                        () -> jdbc.sql(
                                        "select case_id::text from email_inbound where message_id = ? and status = 'ingested'")
                                .param(messageId)
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        id -> id != null);
        return admin.get("/api/v1/cases/" + caseId).json();
    }

    private List<JsonNode> timelineMessages(String caseId) {
        var timeline = admin.get("/api/v1/cases/" + caseId + "/timeline");
        assertThat(timeline.status()).isEqualTo(200);
        var items = timeline.json().get("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("type").asString().equals("message"))
                .toList();
    }

    @Test
    void watchingResumesWhenTheApplicationIsStoppedAndStartedAgain() throws Exception {
        // what a paused and resumed context does to its lifecycle beans
        watchers.stop();
        assertThat(watchers.isRunning()).isFalse();
        watchers.start();
        assertThat(watchers.isRunning()).isTrue();

        createMailbox();
        sendAs("resumed-" + run + "@customer.test", "After a restart", "Still watched?", null);
        assertThat(caseOf("resumed-" + run + "@customer.test").get("channel").asString())
                .isEqualTo("email");
    }

    @Test
    void mailBecomesACaseIsFlaggedRepliedToAndTheAnswerThreadsBack() throws Exception {
        createMailbox();
        sendAs(
                "first-1-" + run + "@customer.test",
                "Parcel lost",
                "My parcel 4711 never arrived.",
                null,
                "bob@customer.test");

        JsonNode created = caseOf("first-1-" + run + "@customer.test");
        String caseId = created.get("id").asString();
        assertThat(created.get("channel").asString()).isEqualTo("email");
        assertThat(created.get("queue").get("name").asString()).isEqualTo(queue.name());
        assertThat(created.get("customer").get("email").asString()).isEqualTo("ana@customer.test");
        List<JsonNode> messages = timelineMessages(caseId);
        assertThat(messages).hasSize(1);
        assertThat(messages.getFirst().get("messageId").asString()).isEqualTo("first-1-" + run + "@customer.test");
        assertThat(messages.getFirst().get("threadedBy").asString()).isEqualTo("new");
        assertThat(messages.getFirst().get("message").get("messageId").asString())
                .isEqualTo("first-1-" + run + "@customer.test");
        assertThat(messages.getFirst().get("message").get("threadedBy").asString())
                .isEqualTo("new");
        assertThat(messages.getFirst().get("message").get("author").get("kind").asString())
                .isEqualTo("customer");

        // flagged \Seen on the server once stored
        await().atMost(Duration.ofSeconds(10)).until(() -> allSeen());

        // the Cc recipient is a participant and gets the reply
        var reply = supervisor.post(
                "/api/v1/cases/" + caseId + "/replies", "{\"text\": \"We are on it, sorry for the delay.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        MimeMessage sent =
                await().atMost(Duration.ofSeconds(30)).until(() -> firstFor("ana@customer.test"), m -> m != null);
        String caseNumber = created.get("number").asString();
        assertThat(sent.getSubject()).contains("[" + caseNumber + "]").startsWith("Re: Parcel lost");
        assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo("<first-1-" + run + "@customer.test>");
        assertThat(sent.getHeader("References")[0]).contains("<first-1-" + run + "@customer.test>");
        assertThat(sent.getReplyTo()[0].toString()).contains("+c-" + caseNumber.toLowerCase());
        assertThat(sent.getContentType()).startsWith("multipart/alternative");
        String ourId = sent.getMessageID().replace("<", "").replace(">", "");
        String recorded = jdbc.sql("select message_id from email_outbound where case_id = ?::uuid")
                .param(caseId)
                .query(String.class)
                .single();
        assertThat(ourId).isEqualTo(recorded);
        assertThat(firstFor("bob@customer.test"))
                .as("the Cc participant gets the reply")
                .isNotNull();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "sent"
                        .equals(jdbc.sql("select coalesce(delivery_status, '') from case_message where external_id = ?")
                                .param(ourId)
                                .query(String.class)
                                .single()));

        // the customer answers our reply: same case, threaded by In-Reply-To
        sendAs("answer-2-" + run + "@customer.test", "Re: Parcel lost", "Thanks, still waiting.", ourId);
        JsonNode answered = caseOf("answer-2-" + run + "@customer.test");
        assertThat(answered.get("id").asString()).isEqualTo(caseId);
        assertThat(timelineMessages(caseId)).anySatisfy(m -> {
            assertThat(m.get("messageId").asString()).isEqualTo("answer-2-" + run + "@customer.test");
            assertThat(m.get("threadedBy").asString()).isEqualTo("in_reply_to");
        });

        // the same message delivered again (another UID): no second case message
        sendAs("answer-2-" + run + "@customer.test", "Re: Parcel lost", "Thanks, still waiting.", ourId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("select count(*) from email_inbound where message_id = '" + "answer-2-" + run
                                        + "@customer.test' ")
                                .query(Long.class)
                                .single()
                        == 2);
        ingestion.ingestNow(support);
        assertThat(jdbc.sql("select count(*) from case_message where external_id = '" + "answer-2-" + run
                                + "@customer.test' ")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void credentialsAreEncryptedAndNeverShownAndBadInputNamesTheField() {
        String id = createMailbox();
        var shown = admin.get("/api/v1/channels/email/mailboxes/" + id);
        assertThat(shown.body()).doesNotContain(TestMailServer.PASSWORD);
        assertThat(shown.json().get("imap").get("passwordSet").asBoolean()).isTrue();
        byte[] stored = jdbc.sql("select imap_secret from email_mailbox where id = ?::uuid")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(TestMailServer.PASSWORD);

        var bad = admin.post("/api/v1/channels/email/mailboxes", """
                {"name": "x", "address": "not-an-address", "queue": "no such queue",
                 "imap": {"host": "h", "port": 0, "security": "tls", "username": "u", "password": "p"},
                 "smtp": {"host": "h", "port": 25, "security": "none"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("address", "queue", "imap.port", "imap.security");

        var test = admin.post("/api/v1/channels/email/mailboxes/" + id + "/test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json().get("imapOk").asBoolean()).isTrue();
        assertThat(test.json().get("smtpOk").asBoolean()).isTrue();
        assertThat(test.json().get("idle").asBoolean()).isTrue();

        var wrong = admin.patch("/api/v1/channels/email/mailboxes/" + id, "{\"imap\": {\"password\": \"wrong\"}}");
        assertThat(wrong.status()).isEqualTo(200);
        var failing = admin.post("/api/v1/channels/email/mailboxes/" + id + "/test", null);
        assertThat(failing.json().get("imapOk").asBoolean()).isFalse();
        assertThat(failing.json().get("imapError").asString()).isNotBlank();

        var agent = new TestApi(port, jdbc);
        var asAgent = agent.as(agent.createUser("agent"));
        assertThat(asAgent.get("/api/v1/channels/email/mailboxes").status()).isEqualTo(403);
    }

    @Test
    void anAgentsReplyWaitsForASupervisorsApprovalWhenTheQueueRequiresIt() throws Exception {
        createMailbox();
        var settings = admin.put(
                "/api/v1/channels/email/queues/" + queue.id(),
                "{\"requiresApproval\": true, \"signature\": \"The support team\"}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        sendAs("approve-1-" + run + "@customer.test", "Refund", "Please refund order 9.", null);
        ingestion.ingestNow(support); // not waiting for the watcher: this test is about approval
        String caseId = caseOf("approve-1-" + run + "@customer.test").get("id").asString();

        var api = new TestApi(port, jdbc);
        var agentUser = api.createUser("agent");
        jdbc.sql("update support_case set assignee_id = ?::uuid where id = ?::uuid")
                .params(agentUser.id(), caseId)
                .update();
        var agent = api.as(agentUser);
        var reply = agent.post("/api/v1/cases/" + caseId + "/replies", "{\"text\": \"Refund granted.\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String message = reply.json().get("id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "awaiting_approval"
                        .equals(jdbc.sql("select coalesce(delivery_status, '') from case_message where id = ?::uuid")
                                .param(message)
                                .query(String.class)
                                .single()));
        Thread.sleep(500);
        assertThat(firstFor("ana@customer.test"))
                .as("nothing is sent before approval")
                .isNull();
        assertThat(agent.post("/api/v1/channels/email/approvals/" + message + "/approve", null)
                        .status())
                .isEqualTo(403);

        var approved = supervisor.post("/api/v1/channels/email/approvals/" + message + "/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        MimeMessage sent =
                await().atMost(Duration.ofSeconds(30)).until(() -> firstFor("ana@customer.test"), m -> m != null);
        assertThat(sent.getSubject()).startsWith("Re: Refund");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'email.reply.approved' and entity_id = ?")
                        .param(message)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMailClaimingAnAgentsAddressPostsAsTheCustomerNeverAsTheAgent() throws Exception {
        createMailbox();
        var api = new TestApi(port, jdbc);
        var agentUser = api.createUser("agent");
        String agentAddress = agentUser.username() + "@example.test";
        MimeMessage spoof = new MimeMessage(mail.smtpSession()) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<spoof-1-" + run + "@attacker.test>");
            }
        };
        spoof.setFrom(new InternetAddress(agentAddress));
        spoof.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
        spoof.setSubject("Refund approved");
        spoof.setText("Please wire the money.");
        Transport.send(spoof);
        ingestion.ingestNow(support);
        String caseId = caseOf("spoof-1-" + run + "@attacker.test").get("id").asString();
        assertThat(timelineMessages(caseId))
                .allSatisfy(m -> assertThat(
                                m.get("message").get("author").get("kind").asString())
                        .isEqualTo("customer"));
        assertThat(jdbc.sql("select count(*) from case_message where case_id = ?::uuid and author_kind = 'agent'")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private MimeMessage firstFor(String address) throws Exception {
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            for (var r : m.getAllRecipients()) {
                if (r.toString().contains(address) && m.getFrom()[0].toString().contains(support)) {
                    return m;
                }
            }
        }
        return null;
    }

    private boolean allSeen() throws Exception {
        var managers = mail.greenMail().getManagers();
        var inbox =
                managers.getImapHostManager().getInbox(managers.getUserManager().getUser(support));
        var stored = inbox.getMessages();
        return !stored.isEmpty() && stored.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }
}
