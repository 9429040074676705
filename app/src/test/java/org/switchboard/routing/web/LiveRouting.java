package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/** Builders of the live-routing tests: a team with a skill, its queue, agents of the team, cases in the queue. */
final class LiveRouting {

    final TestApi api;
    final TestApi admin;
    final TestApi supervisor;
    final TestApi.TestUser supervisorUser;
    final RealTeamsAndSkills.Team team;
    final String skill;
    final String queueId;
    final String queueName;

    LiveRouting(TestApi api) {
        this.api = api;
        this.admin = api.as(api.createUser("admin"));
        this.supervisorUser = api.createUser("supervisor");
        this.supervisor = api.as(supervisorUser);
        RealTeamsAndSkills identity = new RealTeamsAndSkills(admin);
        this.team = identity.newTeam("Routing team");
        this.skill = identity.newSkill("routing");
        this.queueName = "Live " + UUID.randomUUID().toString().substring(0, 8);
        var response = admin.post("/api/v1/queues", """
                {"name": "%s", "team": "%s", "requiredSkills": [{"skill": "%s", "minProficiency": 3}],
                 "basePriority": 10}""".formatted(queueName, team.id(), skill));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        this.queueId = response.json().get("id").asString();
    }

    /** An agent of the team with the queue's skill at {@code proficiency}. */
    Agent agent(int proficiency) {
        TestApi.TestUser user = api.createUser("agent");
        var patched = admin.patch("/api/v1/users/" + user.id(), """
                {"skills": [{"name": "%s", "proficiency": %d}], "languages": ["en"]}""".formatted(skill, proficiency));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        var member = admin.put("/api/v1/teams/" + team.id() + "/members/" + user.id(), null);
        assertThat(member.status()).as(member.toString()).isBetween(200, 204);
        return new Agent(user.id(), user, api.as(user));
    }

    record Agent(String id, TestApi.TestUser user, TestApi api) {
        TestApi.Response presence(String state, String desktop) {
            return api.put(
                    "/api/v1/agents/" + id + "/presence",
                    "{\"state\": \"" + state + "\"}",
                    "Switchboard-Desktop",
                    desktop);
        }

        JsonNode current() {
            var response = api.get("/api/v1/agents/" + id + "/presence");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            return response.json();
        }

        /** Waits for an open offer and returns its id. */
        String awaitOffer() {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !current().get("offer").isNull());
            return current().get("offer").asString();
        }
    }

    /** A case in the queue (opened through the cases API); returns its id. */
    String newCase(String priority) {
        var response = supervisor.post("/api/v1/cases", """
                {"subject": "Routing %s", "customer": {"email": "c-%s@example.test"}, "queue": "%s",
                 "priority": "%s", "message": {"text": "Please help."}}""".formatted(
                        UUID.randomUUID(), UUID.randomUUID().toString().substring(0, 8), queueName, priority));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    JsonNode line() {
        var response = supervisor.get("/api/v1/queues/" + queueId + "/work-items");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the queue's line holds {@code count} items. */
    JsonNode awaitLine(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> line().size() == count);
        return line();
    }
}
