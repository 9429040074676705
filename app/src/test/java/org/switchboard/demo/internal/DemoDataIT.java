package org.switchboard.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo company as a first start with demo data creates it (its own data directory, so a new
 * embedded database), checked through the API with the printed demo logins.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.data-dir=target/demo-it-data", "switchboard.demo-data=true"})
class DemoDataIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void demoUsersSignInWithThePasswordDemoAndSeeTheirTeamsWork() throws Exception {
        JsonNode agents = get("admin", "/api/v1/users?role=agent&limit=500");
        Set<String> usernames = new HashSet<>();
        agents.get("items").forEach(user -> usernames.add(user.get("username").asString()));
        for (int i = 1; i <= 8; i++) {
            assertThat(usernames).contains("agent" + i);
        }
        JsonNode mine = get("agent1", "/api/v1/cases?assignee=me&limit=500");
        assertThat(mine.get("items").size()).isPositive();
        assertThat(get("supervisor", "/api/v1/queues").get("items").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aMonthOfCasesAcrossChannelsAndLanguages() throws Exception {
        Set<String> channels = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        Instant oldest = Instant.now();
        int cases = 0;
        String cursor = null;
        do {
            JsonNode page = get("supervisor", "/api/v1/cases?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode item : page.get("items")) {
                cases++;
                channels.add(item.get("channel").asString());
                statuses.add(item.get("status").asString());
                Instant created = Instant.parse(item.get("createdAt").asString());
                if (created.isBefore(oldest)) {
                    oldest = created;
                }
            }
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);

        assertThat(cases).isGreaterThanOrEqualTo(DemoDataLoader.CASES);
        assertThat(channels).contains("email", "chat", "voice", "portal");
        assertThat(statuses).contains("new", "open", "resolved", "closed");
        assertThat(Duration.between(oldest, Instant.now())).isGreaterThan(Duration.ofDays(20));
        assertThat(get("admin", "/api/v1/customers?limit=500").get("items").size())
                .isGreaterThanOrEqualTo(DemoDataLoader.CUSTOMERS);
    }

    @Test
    void aResolvedCaseHasABackdatedTimelineFromOpeningToResolution() throws Exception {
        // A demo queue: with an external database the tables also hold other tests' cases.
        JsonNode resolved = get("supervisor", "/api/v1/cases?queue=Billing&status=resolved,closed&limit=1")
                .get("items")
                .get(0);
        JsonNode timeline =
                get("supervisor", "/api/v1/cases/" + resolved.get("id").asString() + "/timeline");
        Set<String> types = new HashSet<>();
        timeline.get("items").forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types.size()).isGreaterThanOrEqualTo(4);
        Instant first = Instant.parse(timeline.get("items").get(0).get("at").asString());
        assertThat(first).isBefore(Instant.now().minusSeconds(3600));
    }

    @Test
    void theHelpCenterHasArticlesInEnglishFrenchRussianAndChinese() throws Exception {
        JsonNode printer = get("agent1", "/api/v1/knowledge/articles?q=Printer%20shows%20offline&language=en")
                .get("items")
                .get(0);
        assertThat(printer.get("status").asString()).isEqualTo("published");
        JsonNode family =
                get("agent1", "/api/v1/knowledge/articles/" + printer.get("id").asString() + "/translations");
        Set<String> languages = new HashSet<>();
        family.get("items")
                .forEach(member -> languages.add(member.get("language").asString()));
        assertThat(languages).containsExactlyInAnyOrder("en", "fr", "ru", "zh");
    }

    private JsonNode get(String username, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + basic)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
