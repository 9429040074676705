package org.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.identity.AgentProfiles;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.identity.Users;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
@org.springframework.test.context.event.RecordApplicationEvents
class IdentityInternalsIT {

    @Autowired
    org.springframework.test.context.event.ApplicationEvents events;

    @Autowired
    UserAccounts accounts;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDirectory directory;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    AuditTrail audit;

    @Autowired
    Users users;

    @Autowired
    AgentProfiles profiles;

    @Test
    void anAuthenticatedActorCarriesTheUsersTeams() {
        var api = new TestApi(port, jdbc);
        var admin = api.as(api.createUser("admin"));
        var user = api.createUser("agent");
        String team = admin.post("/api/v1/teams", "{\"name\":\"Actor team " + UUID.randomUUID() + "\"}")
                .json()
                .get("id")
                .asString();
        admin.put("/api/v1/teams/" + team + "/members/" + user.id(), null);

        var details = (SwitchboardUserDetails)
                directory.loadUserByUsername(user.username().toUpperCase());

        assertThat(details.actor().teams()).containsExactly(TeamId.parse(team));
        assertThat(users.teamsOf(UserId.parse(user.id()))).containsExactly(TeamId.parse(team));
        assertThat(users.teamExists(TeamId.parse(team))).isTrue();
        assertThat(users.teamExists(new TeamId(UUID.randomUUID()))).isFalse();
        assertThat(users.findByIdOrUsername(user.username()).orElseThrow().id().toString())
                .isEqualTo(user.id());
        assertThat(users.findAll(java.util.List.of(UserId.parse(user.id())))).hasSize(1);
    }

    @Test
    void activeUsersAreTheTeamsActiveMembersAndTheSupervisors() {
        var api = new TestApi(port, jdbc);
        var admin = api.as(api.createUser("admin"));
        String team = admin.post("/api/v1/teams", "{\"name\":\"Assignable team " + UUID.randomUUID() + "\"}")
                .json()
                .get("id")
                .asString();
        var member = api.createUser("agent");
        var leaver = api.createUser("agent");
        var outsider = api.createUser("agent");
        var supervisor = api.createUser("supervisor");
        var otherAdmin = api.createUser("admin");
        admin.put("/api/v1/teams/" + team + "/members/" + member.id(), null);
        admin.put("/api/v1/teams/" + team + "/members/" + leaver.id(), null);
        admin.post("/api/v1/users/" + leaver.id() + "/deactivate", null);

        var ids = users.activeUsers(java.util.Set.of(TeamId.parse(team))).stream()
                .map(u -> u.id().toString())
                .toList();

        assertThat(ids)
                .contains(member.id(), supervisor.id())
                .doesNotContain(leaver.id(), outsider.id(), otherAdmin.id());
        assertThat(users.activeUsers(java.util.Set.of()))
                .extracting(u -> u.id().toString())
                .contains(supervisor.id())
                .doesNotContain(member.id());
    }

    @Test
    void agentProfilesCarrySkillsLanguagesAndCapacity() {
        var api = new TestApi(port, jdbc);
        var admin = api.as(api.createUser("admin"));
        String skill = "p" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/v1/skills", "{\"name\":\"" + skill + "\"}");
        String id = admin.post("/api/v1/users", """
                        {"username":"prof%s","password":"long-enough-pw","skills":[{"name":"%s","proficiency":2}],
                         "languages":["zh","en"],"capacity":{"email":7}}""".formatted(skill, skill))
                .json()
                .get("id")
                .asString();

        var profile = profiles.profile(UserId.parse(id)).orElseThrow();

        assertThat(profile.skills()).isEqualTo(Map.of(skill, 2));
        assertThat(profile.proficiency(skill)).isEqualTo(2);
        assertThat(profile.languages()).containsExactly("zh", "en");
        assertThat(profile.capacity()).isEqualTo(Map.of("voice", 1, "chat", 3, "email", 7));
        assertThat(users.skillExists(skill.toUpperCase())).isTrue();
        assertThat(profiles.activeProfiles()).extracting(p -> p.id().toString()).contains(id);
        admin.post("/api/v1/users/" + id + "/deactivate", null);
        assertThat(profiles.profile(UserId.parse(id))).isEmpty();
    }

    @Test
    void profileChangesAndDeactivationArePublished() {
        var api = new TestApi(port, jdbc);
        var user = api.createUser("agent");

        accounts.update(
                user.username(),
                null,
                new UserInput.Changes(null, null, null, null, null, null, java.util.List.of("fr"), null, null),
                null);
        accounts.deactivate(user.id(), null, null);

        assertThat(events.stream(org.switchboard.identity.AgentProfileChanged.class))
                .extracting(e -> e.user().toString())
                .containsExactly(user.id());
        assertThat(events.stream(org.switchboard.identity.UserDeactivated.class))
                .extracting(e -> e.user().toString())
                .containsExactly(user.id());
    }

    @Autowired
    org.switchboard.identity.UserAdministration administration;

    @Test
    void codeCreatesUsersTeamsAndSkillsWithTheApisRules() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String skill = administration.ensureSkill("Demo" + suffix, null);
        assertThat(administration.ensureSkill("demo" + suffix, null)).isEqualTo(skill);
        var team = administration.createTeam("Demo team " + suffix, null, null);
        assertThat(administration.findTeam("demo team " + suffix)).contains(team);
        var user = administration.createUser(
                new org.switchboard.identity.NewAccount(
                        "demo" + suffix,
                        "Demo Agent",
                        null,
                        org.switchboard.identity.Role.AGENT,
                        "demo",
                        Map.of(skill, 3),
                        java.util.List.of("ru"),
                        Map.of("chat", 4),
                        "ru",
                        "Europe/Moscow"),
                null);
        administration.addMember(team, user, null);

        assertThat(users.teamsOf(user)).containsExactly(team);
        assertThat(profiles.profile(user).orElseThrow().skills()).isEqualTo(Map.of(skill, 3));
        var me = new TestApi(port, jdbc)
                .withAuthorization(
                        "Basic " + java.util.Base64.getEncoder().encodeToString(("demo" + suffix + ":demo").getBytes()))
                .get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("capacity").get("chat").asInt()).isEqualTo(4);
        assertThatThrownBy(() -> administration.createUser(
                        org.switchboard.identity.NewAccount.withPassword("demo" + suffix, null, "demo"), null))
                .isInstanceOf(org.switchboard.platform.ConflictException.class);
    }

    @Test
    void auditRowsCannotBeChangedOrDeleted() {
        audit.record(null, "test.recorded", "test", "t1", Map.of("k", "v"));
        assertThatThrownBy(() -> jdbc.sql("update audit_log set action = 'x' where entity_type = 'test'")
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where entity_type = 'test'")
                        .update())
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'test.recorded'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void theFirstAdminIsCreatedOnlyOnADatabaseWithoutUsers() {
        assertThat(bootstrap.run("")).isFalse();
        assertThat(bootstrap.run("first-admin-password")).isFalse(); // the test database has users

        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from app_user").update();

            assertThat(bootstrap.run("first-admin-password")).isTrue();

            String hash = jdbc.sql("select password_hash from app_user where username = 'admin' and role = 'admin'")
                    .query(String.class)
                    .single();
            assertThat(passwords.matches("first-admin-password", hash)).isTrue();
            assertThat(bootstrap.run("another-password")).isFalse();
            status.setRollbackOnly();
        });
    }
}
