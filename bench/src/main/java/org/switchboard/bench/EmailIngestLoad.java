package org.switchboard.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * End-to-end email ingestion: GreenMail (in this JVM) holds the mail; a running Switchboard watches N
 * mailboxes on it (created here over the API) and turns the mail into cases. The mix: 70 % plain text,
 * 25 % HTML of 16 KB with a 48 KB attachment, 5 % hostile (2,000 links; 50-level nesting; 10,000 parts;
 * a 2 MB header), spread over the mailboxes.
 *
 * <p>Phase 1 (throughput): all mail is in the mailboxes before Switchboard is told about them; the
 * figure is mails per second from the mailboxes' creation until the last case exists. Phase 2
 * (latency): mail delivered at a steady rate while the mailboxes are watched (IDLE); per mail, the case's
 * creation time minus the delivery time.
 *
 * <p>Usage: {@code EmailIngestLoad baseUrl adminToken queue [mails=10000] [mailboxes=30] [latencyMails=2000]
 * [ratePerSecond=100]}
 */
public final class EmailIngestLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: EmailIngestLoad baseUrl adminToken queue [mails] [mailboxes] [latencyMails] [rate]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String token = args[1];
        String queue = args[2];
        int mails = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int boxes = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int latencyMails = args.length > 5 ? Integer.parseInt(args[5]) : 2_000;
        int rate = args.length > 6 ? Integer.parseInt(args[6]) : 100;
        String run = UUID.randomUUID().toString().substring(0, 8);

        GreenMail greenMail =
                new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        int imapPort = greenMail.getImap().getPort();
        List<GreenMailUser> users = new ArrayList<>();
        for (int b = 0; b < boxes; b++) {
            String address = "bench-" + run + "-" + b + "@bench.test";
            users.add(greenMail.setUser(address, address, "pw"));
        }
        Session session = Session.getInstance(new Properties());
        SplittableRandom random = new SplittableRandom(42);
        String html16k = html(16 * 1024);
        String attachment48k = Base64.getMimeEncoder().encodeToString(bytes(48 * 1024, random));
        int[] kinds = new int[4];

        // phase 1: the backlog
        for (int i = 0; i < mails; i++) {
            int kind = kind(i);
            kinds[kind == 2 ? 2 + (i / 20) % 2 : kind]++;
            byte[] raw = message(run, i, "backlog", kind, i, html16k, attachment48k);
            users.get(i % boxes).deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        System.out.printf(
                "delivered %d mails to %d mailboxes (plain %d, html %d, hostile %d)%n",
                mails, boxes, kinds[0], kinds[1], kinds[2] + kinds[3]);

        HttpClient http = HttpClient.newHttpClient();
        Instant start = Instant.now();
        for (int b = 0; b < boxes; b++) {
            String address = users.get(b).getEmail();
            String body = """
                    {"name": "%s", "address": "%s", "queue": "%s",
                     "imap": {"host": "127.0.0.1", "port": %d, "security": "none", "username": "%s", "password": "pw",
                              "folder": "INBOX"},
                     "smtp": {"host": "127.0.0.1", "port": 25, "security": "none"}}""".formatted(address, address, queue, imapPort, address);
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/channels/email/mailboxes"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("creating a mailbox: " + response.statusCode() + " " + response.body());
            }
        }
        long expectedCases = mails - (kinds[2] + kinds[3]);
        long count = waitForCases(http, base, token, "bench backlog-" + run, expectedCases, Duration.ofMinutes(20));
        Duration took = Duration.between(start, lastCreated(http, base, token, queue, "bench backlog-" + run));
        System.out.printf(
                "phase 1: %d cases (of %d non-hostile mails) in %.1f s = %.0f mails/s%n",
                count, expectedCases, took.toMillis() / 1000.0, mails * 1000.0 / took.toMillis());

        // phase 2: steady delivery, latency per mail
        if (latencyMails > 0) {
            long[] sentAt = new long[latencyMails];
            long interval = 1_000_000_000L / rate;
            long t0 = System.nanoTime();
            long wall0 = System.currentTimeMillis();
            for (int i = 0; i < latencyMails; i++) {
                long due = t0 + i * interval;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                int kind = kind(i) == 2 ? 0 : kind(i); // latency of the normal mix
                byte[] raw = message(run, i, "steady", kind, i, html16k, attachment48k);
                var message = new MimeMessage(session, new ByteArrayInputStream(raw));
                sentAt[i] = wall0 + (System.nanoTime() - t0) / 1_000_000;
                users.get(i % boxes).deliver(message);
            }
            waitForCases(http, base, token, "bench steady-" + run, latencyMails, Duration.ofMinutes(10));
            Histogram latency = new Histogram(3);
            for (var c : cases(http, base, token, queue, "bench steady-" + run)) {
                int i = c.index();
                latency.recordValue(Math.max(0, c.createdAt().toEpochMilli() - sentAt[i]));
            }
            System.out.printf(
                    "phase 2: %d mails at %d/s: ingest latency p50 %d ms, p99 %d ms, max %d ms%n",
                    latency.getTotalCount(),
                    rate,
                    latency.getValueAtPercentile(50),
                    latency.getValueAtPercentile(99),
                    latency.getMaxValue());
        }
        greenMail.stop();
    }

    private static int kind(int i) {
        int r = Math.floorMod(i * 7919, 100);
        return r < 70 ? 0 : r < 95 ? 1 : 2;
    }

    private static byte[] message(String run, int n, String phase, int kind, int i, String html, String attachment) {
        StringBuilder m = new StringBuilder();
        String subject = "bench " + phase + "-" + run + " #" + n;
        m.append("From: Customer ")
                .append(n)
                .append(" <customer")
                .append(n % 500)
                .append("@bench-customer.test>\r\n")
                .append("To: support@bench.test\r\n")
                .append("Subject: ")
                .append(subject)
                .append("\r\n")
                .append("Message-ID: <")
                .append(phase)
                .append('-')
                .append(run)
                .append('-')
                .append(n)
                .append("@bench.test>\r\n")
                .append("Date: Tue, 24 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n");
        switch (kind) {
            case 0 ->
                m.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                        .append("Hello, my order ")
                        .append(n)
                        .append(" has not arrived. Can you check?\r\n");
            case 1 ->
                m.append("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n")
                        .append("Content-Type: text/html; charset=UTF-8\r\n\r\n")
                        .append(html)
                        .append("\r\n--b1\r\n")
                        .append("Content-Type: application/pdf; name=\"invoice.pdf\"\r\n")
                        .append("Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n")
                        .append("Content-Transfer-Encoding: base64\r\n\r\n")
                        .append(attachment)
                        .append("\r\n--b1--\r\n");
            default -> hostile(m, (i / 20) % 4);
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void hostile(StringBuilder m, int which) {
        switch (which) {
            case 0 -> {
                m.append("Content-Type: text/html; charset=UTF-8\r\n\r\n<html><body>");
                for (int l = 0; l < 2000; l++) {
                    m.append("<a href=\"https://example.com/")
                            .append(l)
                            .append("\" onclick=\"x()\">link ")
                            .append(l)
                            .append("</a> ");
                }
                m.append("</body></html>\r\n");
            }
            case 1 -> {
                m.append("Content-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n");
                for (int d = 1; d < 50; d++) {
                    m.append("--n")
                            .append(d - 1)
                            .append("\r\nContent-Type: multipart/mixed; boundary=\"n")
                            .append(d)
                            .append("\"\r\n\r\n");
                }
                m.append("--n49\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
                for (int d = 49; d >= 0; d--) {
                    m.append("--n").append(d).append("--\r\n");
                }
            }
            case 2 -> {
                m.append("Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
                for (int p = 0; p < 10_000; p++) {
                    m.append("--p\r\nContent-Type: text/plain\r\n\r\npart ")
                            .append(p)
                            .append("\r\n");
                }
                m.append("--p--\r\n");
            }
            default -> {
                // a 2 MB header block: one long folded header
                m.append("X-Padding: ");
                for (int k = 0; k < 2 * 1024 * 1024 / 64; k++) {
                    m.append("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n ");
                }
                m.append("end\r\nContent-Type: text/plain\r\n\r\nbig header\r\n");
            }
        }
    }

    private static String html(int size) {
        StringBuilder h = new StringBuilder("<html><body><h1>Order problem</h1>");
        while (h.length() < size) {
            h.append(
                            "<p>The parcel with <b>tracking</b> number 123456 has not arrived; <a href=\"https://shop.example/")
                    .append(h.length())
                    .append("\">order page</a>.</p>\n");
        }
        return h.append("</body></html>").toString();
    }

    private static byte[] bytes(int size, SplittableRandom random) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    private record Created(int index, Instant createdAt) {}

    private static long waitForCases(
            HttpClient http, String base, String token, String marker, long expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String body = get(
                    http,
                    base,
                    token,
                    "/api/v1/cases/count?q=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8));
            Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
            long count = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (count >= expected) {
                return count;
            }
            if (count != last) {
                last = count;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(60).toNanos()) {
                return count; // nothing more arrives
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static Instant lastCreated(HttpClient http, String base, String token, String queue, String marker)
            throws Exception {
        return cases(http, base, token, queue, marker).stream()
                .map(Created::createdAt)
                .max(Instant::compareTo)
                .orElseThrow();
    }

    private static List<Created> cases(HttpClient http, String base, String token, String queue, String marker)
            throws Exception {
        List<Created> all = new ArrayList<>();
        String cursor = null;
        Pattern item = Pattern.compile(
                "\"subject\"\\s*:\\s*\"[^\"]*#(\\d+)\".*?\"createdAt\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);
        do {
            String body = get(
                    http,
                    base,
                    token,
                    "/api/v1/cases?limit=500&q=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8)
                            + "&queue="
                            + java.net.URLEncoder.encode(queue, StandardCharsets.UTF_8)
                            + (cursor == null ? "" : "&cursor=" + cursor));
            Matcher m = item.matcher(body);
            while (m.find()) {
                all.add(new Created(Integer.parseInt(m.group(1)), Instant.parse(m.group(2))));
            }
            Matcher next =
                    Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        return all;
    }

    private static String get(HttpClient http, String base, String token, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
