package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.Priority;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.ThreadResolution;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.platform.SwitchboardIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notmuch list threads ({@code ../shared/data/email-notmuch-threads}) fed in arrival order (maildir
 * delivery time) through parsing and threading, with a real case opened whenever threading says "new":
 * pairwise precision and recall of "same case" against the reference threads must both reach 0.98.
 * Runs in the {@code datasets} profile only.
 */
@SwitchboardIntegrationTest
class EmailThreadingDatasetIT {

    private static final Path DATA =
            Path.of(System.getProperty("switchboard.datasets.dir", "../../shared/data"), "email-notmuch-threads");

    @Autowired
    EmailParser parser;

    @Autowired
    EmailThreading threading;

    @Autowired
    Cases cases;

    @Autowired
    Customers customers;

    record Entry(String file, String thread) {}

    @Test
    void listThreadsAreRecoveredWithPairwisePrecisionAndRecallOfAtLeast098() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("threads.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                entries.add(new Entry(n.get("file").asString(), n.get("thread").asString()));
            }
        }
        // Maildir names start with the delivery time: that is the arrival order.
        entries.sort(Comparator.comparing(e -> Path.of(e.file()).getFileName().toString()));
        assertThat(entries).hasSizeGreaterThan(100);

        CustomerId fallback = customers.identifyOrCreate(ChannelIdentity.email("list-reader@example.com"), "List");
        double[] inOrder = thread(entries, fallback, "#arrival-" + System.nanoTime());
        // The worst case for out-of-order arrival: newest first. Ids get a suffix per pass, so passes (and runs
        // against a kept test database) stay apart.
        double[] reversed = thread(entries.reversed(), fallback, "#reversed-" + System.nanoTime());
        assertThat(inOrder[0]).as("precision in arrival order").isGreaterThanOrEqualTo(0.98);
        assertThat(inOrder[1]).as("recall in arrival order").isGreaterThanOrEqualTo(0.98);
        assertThat(reversed[0]).as("precision newest first").isGreaterThanOrEqualTo(0.98);
        assertThat(reversed[1]).as("recall newest first").isGreaterThanOrEqualTo(0.98);
    }

    private double[] thread(List<Entry> entries, CustomerId fallback, String idSuffix) throws IOException {
        Map<String, CaseId> caseOf = new HashMap<>();
        // Cases a late message showed to be one thread (ThreadResolution.Existing#alsoLinked): ingestion
        // merges them; here the merge is applied to the result as a union of case ids.
        Map<CaseId, CaseId> mergedInto = new HashMap<>();
        int opened = 0;
        int merges = 0;
        for (Entry e : entries) {
            byte[] raw = Files.readAllBytes(DATA.resolve(e.file()));
            ParsedEmail email = switch (parser.parse(raw)) {
                case ParseOutcome.Parsed p -> p.email();
                case ParseOutcome.Unparseable u -> throw new AssertionError(e.file() + ": " + u.reason());
            };
            email = withIdSuffix(email, idSuffix);
            ThreadResolution resolution = threading.resolve(email);
            CaseId caseId;
            if (resolution instanceof ThreadResolution.Existing existing) {
                caseId = existing.caseId();
                for (CaseId other : existing.alsoLinked()) {
                    CaseId a = root(mergedInto, other);
                    CaseId b = root(mergedInto, caseId);
                    if (!a.equals(b)) {
                        mergedInto.put(a, b);
                        merges++;
                    }
                }
            } else {
                String subject = email.subject().isBlank() ? "(no subject)" : email.subject();
                caseId = cases.open(
                                new OpenCase(
                                        subject.length() > 250 ? subject.substring(0, 250) : subject,
                                        fallback,
                                        null,
                                        Priority.NORMAL,
                                        Channel.EMAIL,
                                        MessageDraft.text("dataset message"),
                                        null,
                                        null),
                                null)
                        .id();
                opened++;
            }
            threading.recordReceived(email, caseId, null, resolution.threadedBy());
            caseOf.put(e.file(), caseId);
        }

        long truePairs = 0;
        long predictedPairs = 0;
        long bothPairs = 0;
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                boolean same = entries.get(i).thread().equals(entries.get(j).thread());
                boolean predicted = root(mergedInto, caseOf.get(entries.get(i).file()))
                        .equals(root(mergedInto, caseOf.get(entries.get(j).file())));
                truePairs += same ? 1 : 0;
                predictedPairs += predicted ? 1 : 0;
                bothPairs += same && predicted ? 1 : 0;
            }
        }
        double precision = predictedPairs == 0 ? 1 : (double) bothPairs / predictedPairs;
        double recall = truePairs == 0 ? 1 : (double) bothPairs / truePairs;
        long threads = entries.stream().map(Entry::thread).distinct().count();
        System.out.printf(
                "notmuch threading%s: %d messages, %d reference threads, %d cases opened, %d merged by a late message,"
                        + " pairwise precision %.4f recall %.4f%n",
                idSuffix.startsWith("#arrival") ? " (arrival order)" : " (newest first)",
                entries.size(),
                threads,
                opened,
                merges,
                precision,
                recall);
        return new double[] {precision, recall};
    }

    private static CaseId root(Map<CaseId, CaseId> mergedInto, CaseId id) {
        CaseId current = id;
        while (mergedInto.containsKey(current)) {
            current = mergedInto.get(current);
        }
        return current;
    }

    private static ParsedEmail withIdSuffix(ParsedEmail e, String suffix) {
        if (suffix.isEmpty()) {
            return e;
        }
        return new ParsedEmail(
                e.messageId() == null ? null : e.messageId() + suffix,
                e.inReplyTo().stream().map(id -> id + suffix).toList(),
                e.references().stream().map(id -> id + suffix).toList(),
                e.subject(),
                e.date(),
                e.from(),
                e.sender(),
                e.replyTo(),
                e.to(),
                e.cc(),
                e.headers(),
                e.text(),
                e.html(),
                e.attachments(),
                e.structure(),
                e.report(),
                e.defects(),
                e.size());
    }
}
