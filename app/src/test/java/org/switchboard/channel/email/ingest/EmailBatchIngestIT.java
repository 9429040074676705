package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.platform.SwitchboardIntegrationTest;

/**
 * Mail that is all in the mailbox before a synchronization comes in one fetch and is processed in
 * concurrent lanes: a parent, its reply and a reply to the reply from three other senders still end in
 * one case (in arrival order within their lane), unrelated mail gets cases of its own, and the same
 * message delivered twice in the batch becomes one case message and one duplicate.
 */
@SwitchboardIntegrationTest
@TestPropertySource(properties = "switchboard.email.fetch.enabled=false")
class EmailBatchIngestIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    EmailIngestion ingestion;

    GreenMail mail;

    @BeforeEach
    void setUp() {
        mail = TestMailServer.start().greenMail();
    }

    @AfterEach
    void tearDown() {
        mail.stop();
    }

    @Test
    void aBatchIsProcessedInLanesWithoutSplittingAThreadOrDuplicatingAMessage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String address = "batch-" + run + "@example.test";
        GreenMailUser inbox = mail.setUser(address, address, "pw");
        mailboxes.create(TestMailServer.mailboxDraft(mail, address, "pw"));
        String parent = "parent-" + run + "@customer.test";
        String reply = "reply-" + run + "@customer.test";
        String replyToReply = "reply2-" + run + "@customer.test";
        String other = "other-" + run + "@customer.test";
        String another = "another-" + run + "@customer.test";
        deliver(inbox, address, "ana@customer.test", parent, "Parcel lost " + run, "");
        deliver(inbox, address, "bob@customer.test", other, "Invoice " + run, "");
        deliver(inbox, address, "carl@customer.test", reply, "Same here " + run, "In-Reply-To: <" + parent + ">\r\n");
        deliver(inbox, address, "erin@customer.test", another, "Password " + run, "");
        deliver(
                inbox,
                address,
                "dora@customer.test",
                replyToReply,
                "Any news " + run,
                "References: <" + parent + "> <" + reply + ">\r\n");
        deliver(inbox, address, "bob@customer.test", other, "Invoice " + run, ""); // the same message again
        for (int i = 0; i < 12; i++) {
            deliver(
                    inbox,
                    address,
                    "filler" + i + "@customer.test",
                    "filler-" + i + "-" + run + "@customer.test",
                    "Question " + i + " " + run,
                    "");
        }

        ingestion.ingestNow(address);

        assertThat(caseOf(reply)).isEqualTo(caseOf(parent));
        assertThat(caseOf(replyToReply)).isEqualTo(caseOf(parent));
        assertThat(threadedBy(reply)).isEqualTo("in_reply_to");
        assertThat(threadedBy(replyToReply)).isEqualTo("references");
        assertThat(caseOf(other)).isNotEqualTo(caseOf(parent));
        assertThat(caseOf(another)).isNotEqualTo(caseOf(parent)).isNotEqualTo(caseOf(other));
        assertThat(jdbc.sql("select count(*) from case_message where external_id = ?")
                        .param(other)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select status from email_inbound where message_id = ? order by uid")
                        .param(other)
                        .query(String.class)
                        .list())
                .containsExactly("ingested", "duplicate");
        assertThat(jdbc.sql("""
                                select count(*) from email_inbound i join email_mailbox m on m.id = i.mailbox_id
                                where m.address = ? and i.status = 'ingested' and i.flagged""").param(address).query(Long.class).single())
                .as("every ingested mail flagged")
                .isEqualTo(17);
    }

    private void deliver(GreenMailUser inbox, String to, String from, String messageId, String subject, String extra)
            throws Exception {
        String raw = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId
                + ">\r\n" + extra + "Date: Tue, 24 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nWhere is it?\r\n";
        inbox.deliver(new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private UUID caseOf(String messageId) {
        return jdbc.sql("select case_id from email_inbound where message_id = ? and status = 'ingested'")
                .param(messageId)
                .query(UUID.class)
                .single();
    }

    private String threadedBy(String messageId) {
        return jdbc.sql("select threaded_by from email_inbound where message_id = ? and status = 'ingested'")
                .param(messageId)
                .query(String.class)
                .single();
    }
}
