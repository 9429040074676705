package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class UsersApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;
    TestApi admin;
    TestApi agent;
    String skill;

    @BeforeEach
    void setUp() {
        api = new TestApi(port, jdbc);
        admin = api.as(api.createUser("admin"));
        agent = api.as(api.createUser("agent"));
        skill = "s" + unique();
        assertThat(admin.post("/api/v1/skills", "{\"name\":\"" + skill + "\"}").status())
                .isEqualTo(201);
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void anAdminCreatesAnAgentWithProfileAndAnyoneSignedInReadsIt() {
        String team = admin.post("/api/v1/teams", "{\"name\":\"Team " + unique() + "\"}")
                .json()
                .get("id")
                .asString();
        String username = "ag" + unique();
        var created = admin.post("/api/v1/users", """
                {"username":"%s","displayName":"Ana Agent","role":"agent","password":"long-enough-pw",
                 "locale":"fr","timeZone":"Europe/Paris",
                 "skills":[{"name":"%s","proficiency":4}],"languages":["fr","en"],
                 "capacity":{"chat":2},"teams":["%s"]}""".formatted(username, skill.toUpperCase(), team));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        var json = created.json();
        assertThat(json.get("role").asString()).isEqualTo("agent");
        assertThat(json.get("skills").get(0).get("name").asString()).isEqualTo(skill);
        assertThat(json.get("skills").get(0).get("proficiency").asInt()).isEqualTo(4);
        assertThat(json.get("languages").toString()).isEqualTo("[\"fr\",\"en\"]");
        assertThat(json.get("capacity").get("voice").asInt()).isEqualTo(1);
        assertThat(json.get("capacity").get("chat").asInt()).isEqualTo(2);
        assertThat(json.get("capacity").get("email").asInt()).isEqualTo(5);
        assertThat(json.get("teams").get(0).get("id").asString()).isEqualTo(team);
        assertThat(json.get("timeZone").asString()).isEqualTo("Europe/Paris");

        var byName = agent.get("/api/v1/users/" + username.toUpperCase());
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("id").asString()).isEqualTo(json.get("id").asString());
        assertThat(agent.get("/api/v1/users/" + json.get("id").asString()).status())
                .isEqualTo(200);

        var noTeams = admin.patch("/api/v1/users/" + username, "{\"teams\":[]}");
        assertThat(noTeams.json().get("teams").size()).isZero();
        assertField(
                admin.patch("/api/v1/users/" + username, "{\"teams\":[\"" + UUID.randomUUID() + "\"]}"), "teams[0]");
        assertThat(admin.patch("/api/v1/users/" + username, "{\"teams\":[\"" + team + "\"]}")
                        .json()
                        .get("teams")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(team);
    }

    @Test
    void capacityDefaultsToOneVoiceThreeChatsFiveEmails() {
        var json = admin.post("/api/v1/users", "{\"username\":\"d" + unique() + "\",\"password\":\"long-enough-pw\"}")
                .json();
        assertThat(json.get("capacity").toString()).isEqualTo("{\"voice\":1,\"chat\":3,\"email\":5}");
        assertThat(json.get("role").asString()).isEqualTo("agent");
    }

    @Test
    void invalidFieldsAre400NamingTheField() {
        String base = "{\"username\":\"v" + unique() + "\",\"password\":\"long-enough-pw\",";
        assertField(
                admin.post("/api/v1/users", base + "\"skills\":[{\"name\":\"" + skill + "\",\"proficiency\":6}]}"),
                "skills[0].proficiency");
        assertField(
                admin.post("/api/v1/users", base + "\"skills\":[{\"name\":\"" + skill + "\",\"proficiency\":0}]}"),
                "skills[0].proficiency");
        assertField(
                admin.post(
                        "/api/v1/users",
                        base + "\"skills\":[{\"name\":\"nosuch" + unique() + "\",\"proficiency\":3}]}"),
                "skills[0].name");
        assertField(admin.post("/api/v1/users", base + "\"role\":\"root\"}"), "role");
        assertField(admin.post("/api/v1/users", base + "\"languages\":[\"en\",\"english\"]}"), "languages[1]");
        assertField(admin.post("/api/v1/users", base + "\"timeZone\":\"Mars/Olympus\"}"), "timeZone");
        assertField(admin.post("/api/v1/users", base + "\"capacity\":{\"fax\":1}}"), "capacity.fax");
        assertField(admin.post("/api/v1/users", base + "\"locale\":\"de\"}"), "locale");
        assertField(admin.post("/api/v1/users", "{\"username\":\"n" + unique() + "\"}"), "email");
        assertField(
                admin.post("/api/v1/users", "{\"username\":\"bad name\",\"password\":\"long-enough-pw\"}"), "username");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        String username = "t" + unique();
        assertThat(admin.post("/api/v1/users", "{\"username\":\"" + username + "\",\"password\":\"long-enough-pw\"}")
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(
                                "/api/v1/users",
                                "{\"username\":\"" + username.toUpperCase() + "\",\"password\":\"long-enough-pw\"}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void onlyAdminsWrite() {
        assertThat(agent.post("/api/v1/users", "{\"username\":\"x" + unique() + "\",\"password\":\"long-enough-pw\"}")
                        .status())
                .isEqualTo(403);
        var supervisor = api.as(api.createUser("supervisor"));
        String id = admin.post("/api/v1/users", "{\"username\":\"y" + unique() + "\",\"password\":\"long-enough-pw\"}")
                .json()
                .get("id")
                .asString();
        assertThat(supervisor
                        .patch("/api/v1/users/" + id, "{\"role\":\"admin\"}")
                        .status())
                .isEqualTo(403);
        assertThat(agent.post("/api/v1/users/" + id + "/deactivate", null).status())
                .isEqualTo(403);
        assertThat(agent.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void unknownUsersAre404() {
        assertThat(admin.get("/api/v1/users/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/users/nobody-" + unique()).status()).isEqualTo(404);
        assertThat(admin.patch("/api/v1/users/nobody-" + unique(), "{\"displayName\":\"X\"}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.post("/api/v1/users/nobody-" + unique() + "/deactivate", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aStaleUpdateIs412AndACurrentOneApplies() {
        var created =
                admin.post("/api/v1/users", "{\"username\":\"p" + unique() + "\",\"password\":\"long-enough-pw\"}");
        String id = created.json().get("id").asString();

        var updated = admin.patch(
                "/api/v1/users/" + id,
                "{\"role\":\"supervisor\",\"skills\":[{\"name\":\"" + skill
                        + "\",\"proficiency\":5}],\"languages\":[\"ru\"]}",
                "If-Match",
                created.header("ETag"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"1\"");
        assertThat(updated.json().get("role").asString()).isEqualTo("supervisor");
        assertThat(updated.json().get("skills").get(0).get("proficiency").asInt())
                .isEqualTo(5);
        assertThat(updated.json().get("languages").get(0).asString()).isEqualTo("ru");

        var stale = admin.patch("/api/v1/users/" + id, "{\"displayName\":\"Late\"}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(admin.get("/api/v1/users/" + id).json().get("displayName").asString())
                .isNotEqualTo("Late");
        assertField(
                admin.patch("/api/v1/users/" + id, "{\"skills\":[{\"name\":\"" + skill + "\",\"proficiency\":9}]}"),
                "skills[0].proficiency");
    }

    @Test
    void aDeactivatedUserKeepsTheirRecordButCannotSignIn() {
        var user = api.createUser("agent");
        var asUser = api.as(user);
        assertThat(asUser.get("/api/v1/me").status()).isEqualTo(200);

        var deactivated = admin.post("/api/v1/users/" + user.username() + "/deactivate", null);

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("active").asBoolean()).isFalse();
        assertThat(deactivated.json().get("deactivatedAt").isNull()).isFalse();
        assertThat(asUser.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/users/" + user.id())
                        .json()
                        .get("username")
                        .asString())
                .isEqualTo(user.username());
        assertThat(admin.get("/api/v1/users?active=false&q=" + user.username())
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void listsArePagedByCursor() {
        String prefix = "pg" + unique();
        for (int i = 0; i < 3; i++) {
            admin.post("/api/v1/users", "{\"username\":\"" + prefix + i + "\",\"password\":\"long-enough-pw\"}");
        }
        var first = agent.get("/api/v1/users?limit=2&q=" + prefix).json();
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("username").asString()).isEqualTo(prefix + 0);
        var second = agent.get("/api/v1/users?limit=2&q=" + prefix + "&cursor="
                        + first.get("nextCursor").asString())
                .json();
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(second.get("items").get(0).get("username").asString()).isEqualTo(prefix + 2);
        assertThat(second.has("nextCursor")).isFalse();
        assertThat(agent.get("/api/v1/users?limit=501").status()).isEqualTo(400);
        assertField(agent.get("/api/v1/users?role=king"), "role");
    }

    static void assertField(TestApi.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
