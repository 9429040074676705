package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.TestApi;

/**
 * Creates real teams and catalog skills through identity's API over HTTP, as an admin, so queue
 * tests validate against identity's own data.
 */
final class RealTeamsAndSkills {

    private final TestApi admin;

    /** {@code admin} is a client signed in as an admin. */
    RealTeamsAndSkills(TestApi admin) {
        this.admin = admin;
    }

    /** A new team named {@code prefix <random>}. */
    Team newTeam(String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 8);
        var response = admin.post("/api/v1/teams", "{\"name\": \"%s\"}".formatted(name));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Team(TeamId.parse(response.json().get("id").asString()), name);
    }

    /** A new skill of the catalog named {@code prefix-<random>}, as the catalog stores it. */
    String newSkill(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = admin.post("/api/v1/skills", "{\"name\": \"%s\"}".formatted(name));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("name").asString();
    }

    record Team(TeamId id, String name) {}
}
