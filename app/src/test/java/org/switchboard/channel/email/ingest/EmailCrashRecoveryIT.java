package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.platform.SwitchboardDatabase;
import org.switchboard.platform.SwitchboardIntegrationTest;

/**
 * Kills a separate Switchboard process with SIGKILL at each point of ingestion (after the fetch, after
 * the raw store, after the case commit, after the flag on the server), restarts it, and checks that every
 * email became exactly one case message and ended flagged. This JVM holds the database and GreenMail; its
 * own watchers are off so only the child process ingests.
 */
@SwitchboardIntegrationTest
@TestPropertySource(properties = "switchboard.email.fetch.enabled=false")
class EmailCrashRecoveryIT {

    private static final int MAILS = 3;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mailboxes mailboxes;

    @Autowired
    SwitchboardDatabase database;

    GreenMail mail;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mail = TestMailServer.start().greenMail();
    }

    @AfterEach
    void tearDown() {
        children.forEach(Process::destroyForcibly);
        mail.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after-fetch", "after-store", "after-commit", "after-flag"})
    void aKilledProcessLeavesExactlyOneCaseMessagePerEmail(String point) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String address = "crash-" + run + "@example.test";
        mail.setUser(address, address, "pw");
        mailboxes.create(TestMailServer.mailboxDraft(mail, address, "pw"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MAILS; i++) {
            String id = "m" + i + "-" + run + "@customer.test";
            ids.add(id);
            send(address, id, "Order " + i + " " + run);
        }

        Process crashing = child(point);
        assertThat(awaitLine(crashing, "CRASH-POINT " + point, 180))
                .as("the process reached " + point)
                .isTrue();
        crashing.destroyForcibly(); // SIGKILL
        crashing.waitFor(30, TimeUnit.SECONDS);

        Process restarted = child(null);
        try {
            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> jdbc.sql("""
                                    select count(*) from email_inbound i join email_mailbox m on m.id = i.mailbox_id
                                    where m.address = ? and i.status = 'ingested' and i.flagged""").param(address).query(Long.class).single() == MAILS);
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
        for (String id : ids) {
            assertThat(jdbc.sql("select count(*) from case_message where external_id = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("case messages of " + id)
                    .isEqualTo(1);
        }
        var inbox = mail.getManagers()
                .getImapHostManager()
                .getInbox(mail.getManagers().getUserManager().getUser(address));
        assertThat(inbox.getMessages()).hasSize(MAILS).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    private void send(String to, String messageId, String subject) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(p)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        message.setFrom(new InternetAddress("crash@customer.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Where is it?");
        Transport.send(message);
    }

    /** The application in its own JVM, on this test's database, optionally stopping at a crash point. */
    private Process child(String crashAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        if (crashAt != null) {
            command.add("-Dswitchboard.email.crash-at=" + crashAt);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "org.switchboard.SwitchboardApplication",
                "--server.port=0",
                "--switchboard.data-dir=" + Path.of("target/it-data").toAbsolutePath(),
                "--switchboard.demo-data=false",
                "--switchboard.db.url=" + database.jdbcUrl(),
                "--switchboard.db.user=" + database.user(),
                "--switchboard.db.password=" + database.password()));
        Path log = Path.of("target", "crash-" + (crashAt == null ? "restart" : crashAt) + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        children.add(process);
        logs.put(process, log);
        return process;
    }

    private final java.util.Map<Process, Path> logs = new java.util.HashMap<>();

    /** Watches the process's output until the line appears (true), the time is up or it ended (false). */
    private boolean awaitLine(Process process, String line, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (java.nio.file.Files.readString(logs.get(process), StandardCharsets.UTF_8)
                    .contains(line)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
