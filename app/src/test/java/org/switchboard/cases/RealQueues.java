package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Creates real teams and queues through identity's and routing's APIs over HTTP, as an admin, so the
 * case tests file cases under queues the application itself knows.
 */
public final class RealQueues {

    private final TestApi admin;

    private RealQueues(TestApi admin) {
        this.admin = admin;
    }

    /** Signs in a new admin on {@code anonymous}'s server. */
    public static RealQueues on(TestApi anonymous) {
        return new RealQueues(anonymous.as(anonymous.createUser("admin")));
    }

    /** The admin these teams and queues are created as. */
    public TestApi admin() {
        return admin;
    }

    /** A new team named {@code prefix <random>}. */
    public TeamId newTeam(String prefix) {
        var response = admin.post("/api/v1/teams", "{\"name\": \"%s\"}".formatted(unique(prefix, " ")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return TeamId.parse(response.json().get("id").asString());
    }

    /** Makes the user a member of the team. */
    public void addMember(TeamId team, String userId) {
        var response = admin.put("/api/v1/teams/" + team + "/members/" + userId, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** A new queue named {@code prefix-<random>}, owned by a new team. */
    public QueueRef newQueue(String prefix) {
        return newQueue(prefix, newTeam(prefix + " team"));
    }

    /** A new queue named {@code prefix-<random>}, owned by {@code team}, base priority 0. */
    public QueueRef newQueue(String prefix, TeamId team) {
        var response = admin.post(
                "/api/v1/queues",
                "{\"name\": \"%s\", \"team\": \"%s\", \"basePriority\": 0}".formatted(unique(prefix, "-"), team));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        return new QueueRef(
                QueueId.parse(body.get("id").asString()),
                body.get("name").asString(),
                TeamId.parse(body.get("team").asString()),
                body.get("basePriority").asInt());
    }

    private static String unique(String prefix, String separator) {
        return prefix + separator + UUID.randomUUID().toString().substring(0, 8);
    }
}
