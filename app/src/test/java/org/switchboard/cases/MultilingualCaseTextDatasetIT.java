package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real multilingual text (Tatoeba sentences in French, Russian and Chinese from {@code ../shared/data})
 * survives the case API unchanged: created as subject and first message, read back byte for byte, and
 * found again by the subject search. Runs in the {@code datasets} profile only.
 */
@SwitchboardIntegrationTest
class MultilingualCaseTextDatasetIT {

    private static final int SENTENCES = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi admin;
    private String queue;

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
        String team = admin.post("/api/v1/teams", "{\"name\":\"Datasets " + UUID.randomUUID() + "\"}")
                .json()
                .get("id")
                .asString();
        queue = "Datasets " + UUID.randomUUID();
        var created = admin.post(
                "/api/v1/queues", "{\"name\":\"" + queue + "\",\"team\":\"" + team + "\",\"basePriority\":10}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fra-eng", "rus-eng", "cmn-eng"})
    void sentencesRoundTripThroughTheCaseApi(String file) throws IOException {
        List<String> sentences = sentences(file);
        assertThat(sentences).hasSize(SENTENCES);
        int exact = 0;
        int found = 0;
        for (String sentence : sentences) {
            String body = JSON.writeValueAsString(java.util.Map.of(
                    "subject",
                    sentence,
                    "customer",
                    java.util.Map.of("email", "tatoeba-" + UUID.randomUUID() + "@example.test"),
                    "queue",
                    queue,
                    "priority",
                    "normal",
                    "message",
                    java.util.Map.of("text", sentence)));
            var response = admin.post("/api/v1/cases", body);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            String id = response.json().get("id").asString();
            var read = admin.get("/api/v1/cases/" + id).json();
            if (sentence.equals(read.get("subject").asString())) {
                exact++;
            }
            String prefix = sentence.substring(0, Math.min(6, sentence.length()));
            var search = admin.get("/api/v1/cases?queue=" + enc(queue) + "&q=" + enc(prefix) + "&limit=500");
            if (search.body().contains(id)) {
                found++;
            }
        }
        System.out.printf(
                "%s: %d/%d subjects exact, %d/%d found by subject prefix%n", file, exact, SENTENCES, found, SENTENCES);
        assertThat(exact).isEqualTo(SENTENCES);
        assertThat(found).isEqualTo(SENTENCES);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> sentences(String file) throws IOException {
        Path dir = Path.of(System.getProperty("switchboard.datasets.dir", "../../shared/data"), "tatoeba");
        List<String> lines = Files.readAllLines(dir.resolve(file + ".dev.tsv"), StandardCharsets.UTF_8);
        List<String> sentences = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t");
            if (columns.length >= 2 && columns[1].length() >= 6 && columns[1].length() <= 200) {
                sentences.add(columns[1]);
            }
            if (sentences.size() == SENTENCES) {
                break;
            }
        }
        return sentences;
    }
}
