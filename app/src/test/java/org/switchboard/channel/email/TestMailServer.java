package org.switchboard.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import java.util.List;
import java.util.Properties;
import org.switchboard.channel.email.mailbox.MailboxDraft;
import org.switchboard.platform.TestApi;

/**
 * A real mail server for integration tests: GreenMail with SMTP and IMAP on free local ports, and the
 * Switchboard mailboxes on it, created over the API as an admin would. Stop it after each test.
 */
public final class TestMailServer {

    /** The password of the accounts {@link #createMailbox} opens. */
    public static final String PASSWORD = "s3cret";

    private final GreenMail mail;

    private TestMailServer(GreenMail mail) {
        this.mail = mail;
    }

    public static TestMailServer start() {
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.start();
        return new TestMailServer(mail);
    }

    /** The server itself: received messages, users, folders. */
    public GreenMail greenMail() {
        return mail;
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    /** An account on the server (login and address the same). */
    public void addUser(String address, String password) {
        mail.setUser(address, address, password);
    }

    /**
     * The body of {@code POST /api/v1/channels/email/mailboxes} for the account {@code address} on this
     * server: IMAP (folder INBOX) and SMTP without TLS, both with {@code password}; named after its address.
     */
    public String mailboxJson(String address, String queue, String password) {
        return """
                {"name": "%s", "address": "%s", "queue": "%s",
                 "imap": {"host": "127.0.0.1", "port": %d, "security": "none", "username": "%s",
                          "password": "%s", "folder": "INBOX"},
                 "smtp": {"host": "127.0.0.1", "port": %d, "security": "none", "username": "%s",
                          "password": "%s"}}""".formatted(
                        address,
                        address,
                        queue,
                        mail.getImap().getPort(),
                        address,
                        password,
                        mail.getSmtp().getPort(),
                        address,
                        password);
    }

    /**
     * The mailbox of the account {@code address} on {@code mail} for the mailbox service itself (no queue:
     * the default), IMAP INBOX and SMTP without TLS, flagging after import.
     */
    public static MailboxDraft mailboxDraft(GreenMail mail, String address, String password) {
        return new MailboxDraft(
                address,
                address,
                null,
                new MailboxDraft.ServerDraft("127.0.0.1", mail.getImap().getPort(), "none", address, password, null),
                "INBOX",
                null,
                null,
                new MailboxDraft.ServerDraft("127.0.0.1", mail.getSmtp().getPort(), "none", null, null, null),
                List.of(),
                true);
    }

    /** Opens the account {@code address} and creates its mailbox filing into {@code queue}; its id. */
    public String createMailbox(TestApi admin, String address, String queue) {
        addUser(address, PASSWORD);
        var created = admin.post("/api/v1/channels/email/mailboxes", mailboxJson(address, queue, PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** A mail session that sends to this server's SMTP. */
    public Session smtpSession() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(smtpPort()));
        return Session.getInstance(p);
    }

    public void stop() {
        mail.stop();
    }
}
