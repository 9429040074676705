package org.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search quality on public data ({@code ../shared/data}, read in place, never copied), loaded through
 * the same bulk API users have and queried through the search API. Training queries are only asked,
 * never indexed. StackFAQ articles are imported for customers, XQuAD-R sentences for partners, and each
 * set is searched within its audience so the two pools don't mix. Runs in the {@code datasets} profile.
 */
@SwitchboardIntegrationTest
class KnowledgeSearchDatasetIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Lines per bulk request: keeps each body under the API's body limit. */
    private static final int BATCH = 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi admin;
    private String authorization;
    private final Path data = Path.of(System.getProperty("switchboard.datasets.dir", "../../shared/data"));

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        var user = api.createUser("admin");
        admin = api.as(user);
        authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((user.username() + ":" + TestApi.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stackFaq() throws IOException {
        List<String> lines = new ArrayList<>();
        for (JsonNode thread : read(data.resolve("stackfaq/faq.jsonl"))) {
            StringBuilder answers = new StringBuilder();
            for (JsonNode answer : thread.get("answers")) {
                answers.append(answer.asString().strip()).append("\n\n");
            }
            lines.add(article(
                    thread.get("faq_id").asString(),
                    thread.get("question").asString(),
                    answers.toString(),
                    "en",
                    "customers"));
        }
        importAll(lines);
        List<String[]> queries = new ArrayList<>();
        for (JsonNode q : read(data.resolve("stackfaq/queries_train.jsonl"))) {
            queries.add(new String[] {q.get("text").asString(), q.get("faq_id").asString()});
        }
        double[] m = measure(queries, "en", "customers");
        System.out.printf("StackFAQ (%d queries): P@1 %.3f, MRR@10 %.3f%n", queries.size(), m[0], m[1]);
        assertThat(m[0]).as("StackFAQ P@1").isGreaterThanOrEqualTo(0.80);
        assertThat(m[1]).as("StackFAQ MRR@10").isGreaterThanOrEqualTo(0.87);
    }

    /**
     * XQuAD-R, one article per sentence. The floors are the figures measured when this test was
     * written (a regression guard); the targets (0.85 en and zh, 0.75 ru) are not reached yet,
     * see docs/knowledge-search.md.
     */
    @ParameterizedTest
    @CsvSource({"en, 0.72", "ru, 0.70", "zh, 0.70"})
    void xquadR(String language, double floor) throws IOException {
        List<String> lines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode sentence : read(data.resolve("xquad-r/corpus_sentences_" + language + ".jsonl"))) {
            ids.add(sentence.get("doc_id").asString());
            lines.add(article(
                    sentence.get("doc_id").asString(), "", sentence.get("text").asString(), language, "partners"));
        }
        importAll(lines);
        Map<String, String> relevant = new HashMap<>();
        for (String row : Files.readAllLines(data.resolve("xquad-r/qrels_train.tsv"))) {
            String[] f = row.split("\t");
            if (f.length >= 2 && ids.contains(f[1])) {
                relevant.put(f[0], f[1]);
            }
        }
        List<String[]> queries = new ArrayList<>();
        for (JsonNode q : read(data.resolve("xquad-r/queries_train_" + language + ".jsonl"))) {
            String doc = relevant.get(q.get("qid").asString());
            if (doc != null) {
                queries.add(new String[] {q.get("text").asString(), doc});
            }
        }
        double[] m = measure(queries, language, "partners");
        System.out.printf("XQuAD-R %s (%d queries): P@1 %.3f, MRR@10 %.3f%n", language, queries.size(), m[0], m[1]);
        assertThat(queries).hasSizeGreaterThan(900);
        assertThat(m[0]).as("XQuAD-R " + language + " P@1").isGreaterThanOrEqualTo(floor);
    }

    private String article(String externalId, String title, String body, String language, String audience)
            throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("externalId", externalId);
        line.put("title", title);
        line.put("body", body);
        line.put("language", language);
        line.put("audience", audience);
        line.put("tags", List.of());
        return JSON.writeValueAsString(line);
    }

    private void importAll(List<String> lines) {
        for (int i = 0; i < lines.size(); i += BATCH) {
            String body = String.join("\n", lines.subList(i, Math.min(lines.size(), i + BATCH)));
            var request = HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/api/v1/knowledge/articles/bulk"))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            var response = admin.send(request);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
    }

    /** P@1 and MRR@10 of the queries (text, relevant externalId) through the search API. */
    private double[] measure(List<String[]> queries, String language, String audience) {
        int first = 0;
        double reciprocal = 0;
        for (String[] query : queries) {
            var response = admin.get("/api/v1/knowledge/search?limit=10&lang=" + language + "&audience=" + audience
                    + "&q=" + URLEncoder.encode(query[0], StandardCharsets.UTF_8));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode hits = response.json().get("hits");
            for (int rank = 0; rank < hits.size(); rank++) {
                if (query[1].equals(hits.get(rank).get("externalId").asString())) {
                    if (rank == 0) {
                        first++;
                    }
                    reciprocal += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        return new double[] {first / (double) queries.size(), reciprocal / queries.size()};
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
