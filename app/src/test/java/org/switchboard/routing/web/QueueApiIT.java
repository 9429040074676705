package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class QueueApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    QueueDirectory directory;

    private TestApi admin;
    private TestApi agent;
    private RealTeamsAndSkills identity;
    private TeamId team;
    private String skill;
    private String run;

    @BeforeEach
    void setUp() {
        TestApi api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
        agent = api.as(api.createUser("agent"));
        identity = new RealTeamsAndSkills(admin);
        team = identity.newTeam("Billing team").id();
        skill = identity.newSkill("billing");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String queueJson(String name) {
        return """
                {"name": "%s", "team": "%s", "requiredSkills": [{"skill": "%s", "minProficiency": 3}],
                 "language": "FR", "basePriority": 40}""".formatted(name, team, skill);
    }

    private JsonNode create(String name) {
        var response = admin.post("/api/v1/queues", queueJson(name));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static List<String> fields(TestApi.Response response) {
        return StreamSupport.stream(response.json().get("errors").spliterator(), false)
                .map(e -> e.get("field").asString())
                .toList();
    }

    private static String path(String idOrName) {
        return "/api/v1/queues/"
                + URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void anAdminCreatesAQueue() {
        var response = admin.post("/api/v1/queues", queueJson("Billing " + run), "Idempotency-Key", "q-" + run);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        JsonNode queue = response.json();
        assertThat(response.header("Location"))
                .isEqualTo("/api/v1/queues/" + queue.get("id").asString());
        assertThat(queue.get("name").asString()).isEqualTo("Billing " + run);
        assertThat(queue.get("team").asString()).isEqualTo(team.toString());
        assertThat(queue.get("requiredSkills").get(0).get("skill").asString()).isEqualTo(skill);
        assertThat(queue.get("requiredSkills").get(0).get("minProficiency").asInt())
                .isEqualTo(3);
        assertThat(queue.get("language").asString()).isEqualTo("fr");
        assertThat(queue.get("basePriority").asInt()).isEqualTo(40);
        assertThat(queue.get("active").asBoolean()).isTrue();
        assertThat(queue.get("version").asLong()).isZero();

        var replay = admin.post("/api/v1/queues", queueJson("Billing " + run), "Idempotency-Key", "q-" + run);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asString()).isEqualTo(queue.get("id").asString());
    }

    @Test
    void anyoneSignedInReadsAQueueByIdOrName() {
        String id = create("Support " + run).get("id").asString();

        var byId = agent.get(path(id));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.header("ETag")).isEqualTo("\"0\"");
        assertThat(byId.json().get("name").asString()).isEqualTo("Support " + run);

        var byName = agent.get(path("SUPPORT " + run));
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("id").asString()).isEqualTo(id);
    }

    @Test
    void unknownQueuesAre404() {
        assertThat(agent.get(path(UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(agent.get(path("No such queue " + run)).status()).isEqualTo(404);
        assertThat(admin.patch(path("No such queue " + run), "{\"basePriority\": 1}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsWriteQueues() {
        var create = agent.post("/api/v1/queues", queueJson("Agents' queue " + run));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.header("Content-Type")).startsWith("application/problem+json");

        String id = create("Guarded " + run).get("id").asString();
        var supervisor = new TestApi(port, jdbc);
        var asSupervisor = supervisor.as(supervisor.createUser("supervisor"));
        assertThat(asSupervisor.patch(path(id), "{\"basePriority\": 99}").status())
                .isEqualTo(403);
        assertThat(agent.patch(path(id), "{\"basePriority\": 99}").status()).isEqualTo(403);
        assertThat(agent.get(path(id)).json().get("basePriority").asInt()).isEqualTo(40);
    }

    @Test
    void queueNamesAreUniqueIgnoringCase() {
        create("Unique " + run);
        var duplicate = admin.post("/api/v1/queues", queueJson("UNIQUE " + run));
        assertThat(duplicate.status()).isEqualTo(409);

        String other = create("Other " + run).get("id").asString();
        var rename = admin.patch(path(other), "{\"name\": \"unique " + run + "\"}");
        assertThat(rename.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\": \"Q\", \"team\": \"UNKNOWN_TEAM\"}                                                                 | team",
                "{\"name\": \"Q\", \"team\": \"not-a-team-id\"}                                                                | team",
                "{\"name\": \"Q\"}                                                                                              | team",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"requiredSkills\": [{\"skill\": \"juggling\", \"minProficiency\": 2}]}  | requiredSkills[0].skill",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"requiredSkills\": [{\"skill\": \"SKILL\", \"minProficiency\": 6}]}     | requiredSkills[0].minProficiency",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"requiredSkills\": [{\"skill\": \"SKILL\", \"minProficiency\": \"x\"}]} | requiredSkills[0].minProficiency",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"language\": \"french\"}                                               | language",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"basePriority\": 101}                                                  | basePriority",
                "{\"name\": \"Q\", \"team\": \"TEAM\", \"active\": \"yes\"}                                                    | active",
                "{\"name\": \"\", \"team\": \"TEAM\"}                                                                          | name"
            })
    void invalidFieldsAre400NamingTheField(String json, String field) {
        String body = json.replace("UNKNOWN_TEAM", UUID.randomUUID().toString())
                .replace("TEAM", team.toString())
                .replace("SKILL", skill);
        var response = admin.post("/api/v1/queues", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly(field);
    }

    @Test
    void malformedJsonIs400() {
        var response = admin.post("/api/v1/queues", "{\"name\": \"Q\",");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void patchChangesTheGivenFieldsAndRefusesAStaleVersion() {
        String id = create("Patched " + run).get("id").asString();
        TeamId otherTeam = identity.newTeam("Other team").id();

        var patched = admin.patch(
                path(id),
                "{\"team\": \"%s\", \"basePriority\": 70, \"active\": false, \"language\": null}".formatted(otherTeam),
                "If-Match",
                "\"0\"");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        JsonNode queue = patched.json();
        assertThat(queue.get("team").asString()).isEqualTo(otherTeam.toString());
        assertThat(queue.get("basePriority").asInt()).isEqualTo(70);
        assertThat(queue.get("active").asBoolean()).isFalse();
        assertThat(queue.get("language").isNull()).isTrue();
        assertThat(queue.get("name").asString()).isEqualTo("Patched " + run);
        assertThat(queue.get("requiredSkills")).hasSize(1);

        var stale = admin.patch(path(id), "{\"basePriority\": 1}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(agent.get(path(id)).json().get("basePriority").asInt()).isEqualTo(70);

        var badTeam = admin.patch(path(id), "{\"team\": \"%s\"}".formatted(UUID.randomUUID()));
        assertThat(badTeam.status()).isEqualTo(400);
        assertThat(fields(badTeam)).containsExactly("team");
    }

    @Test
    void theListIsPagedByCursor() {
        List<String> mine = List.of("Paged " + run + " a", "Paged " + run + " b", "Paged " + run + " c");
        mine.forEach(this::create);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = agent.get("/api/v1/queues?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(item -> seen.add(item.get("name").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null ? null : next.asString();
            pages++;
        } while (cursor != null && pages < 10_000);

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);

        var tooMany = agent.get("/api/v1/queues?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(fields(tooMany)).containsExactly("limit");
        assertThat(agent.get("/api/v1/queues?limit=0").status()).isEqualTo(400);
        assertThat(agent.get("/api/v1/queues?cursor=bm9wZQ").status()).isEqualTo(400);
    }

    @Test
    void theQueueDirectoryServesCases() {
        String id = create("Directory " + run).get("id").asString();
        QueueId queueId = QueueId.parse(id);
        var expected = new QueueRef(queueId, "Directory " + run, team, 40);

        assertThat(directory.find(queueId)).contains(expected);
        assertThat(directory.find("directory " + run)).contains(expected);
        assertThat(directory.find(id)).contains(expected);
        assertThat(directory.find("Nothing " + run)).isEmpty();
        assertThat(directory.ownedBy(Set.of(team))).containsExactly(expected);
        assertThat(directory.ownedBy(Set.of())).isEmpty();
        assertThat(directory.all()).contains(expected);
        assertThat(directory.byId(List.of(queueId))).containsEntry(queueId, expected);

        admin.patch(path(id), "{\"basePriority\": 5}");
        assertThat(directory.find(queueId).orElseThrow().basePriority()).isEqualTo(5);
    }

    @Test
    void theOpenApiDocumentDescribesQueueAndCustomerBodies() {
        var document = new TestApi(port, jdbc).get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body())
                .contains("\"/api/v1/queues/{id}\"", "QueueRequest", "CustomerInput", "/api/v1/customers/{id}/merge");
    }

    @Test
    void theApiNeedsASignedInUser() {
        assertThat(new TestApi(port, jdbc).get("/api/v1/queues").status()).isEqualTo(401);
    }
}
