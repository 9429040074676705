package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.switchboard.channel.email.DeliveryReport;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Real-world mail from {@code ../shared/data/email-*}: every message parses or is quarantined without an
 * exception and in bounded time; mime4j's expected trees and decoded leaf bodies match ours; MimeKit's
 * and Ruby mail's DSN / MDN / ARF fixtures are recognised with the original Message-ID. Runs in the
 * {@code datasets} profile only.
 */
class EmailParsingDatasetIT {

    private static final Path DATA = Path.of(System.getProperty("switchboard.datasets.dir", "../../shared/data"));
    private final MimeEmailParser parser = MimeEmailParser.withLimits(ParseLimits.DEFAULT);

    @Test
    void everyMessageIsParsedOrQuarantinedWithoutAnException() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("email-mime4j", "email-mikel-mail", "email-mimekit", "email-notmuch-threads")) {
            try (Stream<Path> walk = Files.walk(DATA.resolve(dir))) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> isMessage(p.getFileName().toString()))
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(300);
        int parsed = 0;
        List<String> quarantined = new ArrayList<>();
        for (Path file : files) {
            long started = System.nanoTime();
            ParseOutcome outcome = parser.parse(Files.readAllBytes(file));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("parse time of %s", file).isLessThan(5_000);
            switch (outcome) {
                case ParseOutcome.Parsed p -> parsed++;
                case ParseOutcome.Unparseable u -> quarantined.add(DATA.relativize(file) + ": " + u.reason());
            }
        }
        System.out.printf(
                "email datasets: %d files, %d parsed, %d quarantined %s%n",
                files.size(), parsed, quarantined.size(), quarantined);
        assertThat(parsed + quarantined.size()).isEqualTo(files.size());
        // Quarantine is for what is not mail at all; real messages must parse.
        assertThat(quarantined.size()).as(quarantined.toString()).isLessThanOrEqualTo(files.size() / 50);
    }

    private static boolean isMessage(String name) {
        return name.endsWith(".msg")
                || name.endsWith(".eml")
                || (name.endsWith(".txt")
                        && !name.contains("LICENSE")
                        && !name.contains("NOTICE")
                        && !name.contains("README")
                        && !name.contains("COPYING")
                        && !name.contains("_decoded_")
                        && !name.contains("summary")
                        && !name.contains("mbox"))
                || name.matches("mbox\\.rlug-\\d");
    }

    @Test
    void treesAndDecodedBodiesEqualMime4jExpectations() throws Exception {
        List<Path> expectations = new ArrayList<>();
        for (String dir : List.of("testmsgs", "mimetools-testmsgs")) {
            try (Stream<Path> list = Files.list(DATA.resolve("email-mime4j").resolve(dir))) {
                list.filter(p -> p.getFileName().toString().endsWith("_decoded.xml"))
                        .forEach(expectations::add);
            }
        }
        assertThat(expectations).hasSizeGreaterThan(40);
        List<String> mismatches = new ArrayList<>();
        int leaves = 0;
        for (Path xml : expectations) {
            String name = xml.getFileName().toString().replace("_decoded.xml", "");
            Path msg = xml.resolveSibling(name + ".msg");
            List<String> defects = new ArrayList<>();
            // mime4j's own suite parses these with "a malformed header starts the body"; the rest without.
            boolean startsBody = name.startsWith("malformedHeaderStartsBody");
            MimeNode root = parser.readTree(Files.readAllBytes(msg), 0, ParseLimits.DEFAULT, defects, startsBody);
            Element expected = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(xml.toFile())
                    .getDocumentElement();
            List<String> expectedBodies = new ArrayList<>();
            String expectedShape = shape(expected, expectedBodies);
            String actualShape = shape(root);
            if (!expectedShape.equals(actualShape)) {
                mismatches.add(name + ": tree " + actualShape + " expected " + expectedShape);
                continue;
            }
            List<MimeNode> actualLeaves = new ArrayList<>();
            root.leaves(actualLeaves);
            for (int i = 0; i < expectedBodies.size(); i++) {
                byte[] want = Files.readAllBytes(xml.resolveSibling(expectedBodies.get(i)));
                byte[] got = actualLeaves.get(i).body;
                leaves++;
                if (got == null || !java.util.Arrays.equals(want, got)) {
                    mismatches.add(name + ": leaf " + (i + 1) + " differs (" + (got == null ? "none" : got.length)
                            + " bytes, expected " + want.length + ")");
                }
            }
        }
        System.out.printf(
                "mime4j expectations: %d messages, %d leaves compared, mismatches %s%n",
                expectations.size(), leaves, mismatches);
        assertThat(mismatches).isEmpty();
    }

    /** The expected tree as text: {@code multipart/mixed(text/plain,message/rfc822(text/plain))}. */
    private static String shape(Element entity, List<String> bodies) {
        String type = "text/plain";
        Element content = null;
        for (Node n = entity.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            switch (e.getTagName()) {
                case "header" -> {
                    for (Node f = e.getFirstChild(); f != null; f = f.getNextSibling()) {
                        String text = f.getTextContent().trim();
                        if (f instanceof Element && text.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                            type = HeaderValues.structured(text.substring(13)).value();
                        }
                    }
                }
                default -> content = e;
            }
        }
        if (content == null) {
            return type;
        }
        return switch (content.getTagName()) {
            case "multipart" -> {
                List<String> children = new ArrayList<>();
                for (Node n = content.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && e.getTagName().equals("body-part")) {
                        children.add(shape(e, bodies));
                    }
                }
                yield "multipart(" + String.join(",", children) + ")";
            }
            case "message" -> "message(" + shape(content, bodies) + ")";
            default -> {
                bodies.add(content.getAttribute("name"));
                yield "leaf";
            }
        };
    }

    private static String shape(MimeNode node) {
        if (node.multipart) {
            List<String> children = new ArrayList<>();
            for (MimeNode child : node.children) {
                children.add(shape(child));
            }
            return "multipart(" + String.join(",", children) + ")";
        }
        if (!node.children.isEmpty()) {
            return "message(" + shape(node.children.getFirst()) + ")";
        }
        return "leaf";
    }

    @Test
    void reportsAreRecognisedWithTheOriginalMessageId() throws IOException {
        Path mimekit = DATA.resolve("email-mimekit/messages");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> list = Files.list(mimekit)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                DeliveryReport.Kind kind = name.startsWith("delivery-status")
                        ? DeliveryReport.Kind.DELIVERY_STATUS
                        : name.startsWith("disposition-notification")
                                ? DeliveryReport.Kind.READ_RECEIPT
                                : name.startsWith("feedback-report") ? DeliveryReport.Kind.ABUSE_REPORT : null;
                if (kind == null) {
                    continue;
                }
                checked++;
                check(p, kind, failures);
            }
        }
        try (Stream<Path> list = Files.list(DATA.resolve("email-mikel-mail/emails/multipart_report_emails"))) {
            for (Path p : list.sorted().toList()) {
                checked++;
                check(p, DeliveryReport.Kind.DELIVERY_STATUS, failures);
            }
        }
        System.out.printf("reports: %d checked, failures %s%n", checked, failures);
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(failures).isEmpty();
    }

    private void check(Path p, DeliveryReport.Kind kind, List<String> failures) throws IOException {
        byte[] raw = Files.readAllBytes(p);
        // Some fixtures return a message without any Message-ID: nothing to find there.
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int reportStart = text.indexOf("report-type");
        boolean namesOriginal = reportStart >= 0 && text.indexOf("message-id:", reportStart) >= 0;
        ParseOutcome outcome = parser.parse(raw);
        if (!(outcome instanceof ParseOutcome.Parsed parsed)) {
            failures.add(p.getFileName() + ": not parsed");
            return;
        }
        DeliveryReport report = parsed.email().report();
        if (report == null || report.kind() != kind) {
            failures.add(p.getFileName() + ": " + (report == null ? "no report" : report.kind()));
        } else if (namesOriginal && report.originalMessageId() == null) {
            failures.add(p.getFileName() + ": no original Message-ID");
        }
    }
}
