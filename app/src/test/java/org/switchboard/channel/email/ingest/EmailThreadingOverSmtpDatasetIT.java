package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.RealQueues;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notmuch list threads delivered over SMTP to GreenMail in arrival order (maildir delivery time),
 * fetched over IMAP and ingested by the real pipeline (raw store, parse, classify, thread, cases): the
 * case each message landed in must reproduce the reference threads with pairwise precision and recall of
 * at least 0.98. Runs in the {@code datasets} profile only.
 */
@SwitchboardIntegrationTest
class EmailThreadingOverSmtpDatasetIT {

    private static final Path DATA =
            Path.of(System.getProperty("switchboard.datasets.dir", "../../shared/data"), "email-notmuch-threads");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailIngestion ingestion;

    @Autowired
    EmailThreading threading;

    private TestMailServer mail;

    @AfterEach
    void tearDown() {
        if (mail != null) {
            mail.stop();
        }
    }

    record Entry(String file, String messageId, String thread) {}

    @Test
    void listThreadsDeliveredOverSmtpLandInOneCaseEach() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("threads.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                String id = n.get("message_id").asString().trim();
                entries.add(new Entry(
                        n.get("file").asString(),
                        id.replaceAll("^<|>$", ""),
                        n.get("thread").asString()));
            }
        }
        entries.sort(Comparator.comparing(e -> Path.of(e.file()).getFileName().toString()));

        mail = TestMailServer.start();
        var api = new TestApi(port, jdbc);
        RealQueues queues = RealQueues.on(api);
        TestApi admin = queues.admin();
        var queue = queues.newQueue("lists");
        String support = "lists-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        mail.createMailbox(admin, support, queue.name());

        // The corpus may already be in a kept test database: ids get a per-run suffix, so this run's
        // messages meet only each other.
        String suffix = "." + UUID.randomUUID().toString().substring(0, 8);
        for (Entry e : entries) {
            byte[] raw = Files.readAllBytes(DATA.resolve(e.file()));
            smtp(mail.smtpPort(), support, withIdSuffix(raw, suffix));
        }
        ingestion.ingestNow(support);

        Map<String, CaseId> caseOf = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Entry e : entries) {
            var entry = threading.find(e.messageId() + suffix);
            if (entry.isPresent() && !entry.get().kind().equals("phantom")) {
                caseOf.put(e.file(), entry.get().caseId());
            } else {
                missing.add(e.file());
            }
        }
        long truePairs = 0;
        long predictedPairs = 0;
        long bothPairs = 0;
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                boolean same = entries.get(i).thread().equals(entries.get(j).thread());
                CaseId a = caseOf.get(entries.get(i).file());
                CaseId b = caseOf.get(entries.get(j).file());
                boolean predicted = a != null && a.equals(b);
                truePairs += same ? 1 : 0;
                predictedPairs += predicted ? 1 : 0;
                bothPairs += same && predicted ? 1 : 0;
            }
        }
        double precision = predictedPairs == 0 ? 0 : (double) bothPairs / predictedPairs;
        double recall = truePairs == 0 ? 0 : (double) bothPairs / truePairs;
        System.out.printf(
                "notmuch threading over SMTP/IMAP: %d messages, %d ingested as case messages, %d cases,"
                        + " pairwise precision %.4f recall %.4f, not found %s%n",
                entries.size(),
                caseOf.size(),
                caseOf.values().stream().distinct().count(),
                precision,
                recall,
                missing);
        assertThat(precision).isGreaterThanOrEqualTo(0.98);
        assertThat(recall).isGreaterThanOrEqualTo(0.98);
    }

    /** Appends the suffix to every Message-ID, In-Reply-To and References id of the header block. */
    private static byte[] withIdSuffix(byte[] raw, String suffix) {
        String text = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end);
        StringBuilder out = new StringBuilder();
        boolean inIdField = false;
        for (String line : head.split("\n", -1)) {
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                inIdField = lower.startsWith("message-id:")
                        || lower.startsWith("in-reply-to:")
                        || lower.startsWith("references:");
            }
            out.append(inIdField ? line.replaceAll("<([^<>\\s]+)>", "<$1" + suffix + ">") : line)
                    .append('\n');
        }
        out.setLength(out.length() - 1);
        return (out + body).replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A minimal SMTP client: the raw bytes go out unchanged (dot-stuffed), Message-ID and all. */
    private static void smtp(int port, String to, byte[] raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO test.example", "250");
            command(out, in, "MAIL FROM:<list@example.org>", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            StringBuilder data = new StringBuilder();
            for (String line : text.split("\r\n", -1)) {
                data.append(line.startsWith(".") ? "." + line : line).append("\r\n");
            }
            data.append(".\r\n");
            out.write(data.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP connection closed, expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("SMTP: expected " + code + ", got " + line);
        }
    }
}
