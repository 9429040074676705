package org.switchboard.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.identity.web.UsersApiIT.unique;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class PagesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLoginPageIsPublicAndSpeaksTheChosenLanguage() {
        var browser = new BrowserSession(port);
        var english = browser.get("/login?error");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("<label for=\"username\"").contains("Wrong username or password");
        assertThat(browser.get("/login?lang=fr").body()).contains("Se connecter à Switchboard");
        // remembered in the session
        assertThat(browser.get("/login?logout").body()).contains("Vous êtes déconnecté");
        assertThat(new BrowserSession(port).get("/login?lang=zh").body()).contains("登录 Switchboard");
        assertThat(new BrowserSession(port).get("/login?lang=ru").body()).contains("Вход в Switchboard");
        assertThat(new BrowserSession(port).get("/password-reset").statusCode()).isEqualTo(200);
        var anonymous = new BrowserSession(port).get("/me");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void aUserSignsInChoosesLanguageAndTimeZoneAndManagesTokens() {
        var api = new TestApi(port, jdbc);
        var user = api.createUser("agent");
        var browser = new BrowserSession(port);
        var login = browser.login(user.username(), TestApi.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        var me = browser.get("/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("My settings").contains("Europe/Paris");
        var saved = browser.post("/me", "locale", "fr", "timeZone", "Asia/Shanghai");
        assertThat(saved.statusCode()).isEqualTo(302);
        var french = browser.get("/me");
        assertThat(french.body()).contains("Mes réglages").contains("value=\"Asia/Shanghai\" selected");

        var page = browser.get("/me/tokens");
        assertThat(page.statusCode()).isEqualTo(200);
        var created = browser.post("/me/tokens", "name", "laptop");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).containsPattern("value=\"sb_[A-Za-z0-9_-]{43}\"");
        String tokenId = jdbc.sql("select id::text from api_token where user_id = ?::uuid")
                .param(user.id())
                .query(String.class)
                .single();
        var revoked = browser.post("/me/tokens/" + tokenId + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select revoked_at is not null from api_token where id = ?::uuid")
                        .param(tokenId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // the CSRF token of the login page is replaced at sign-in: a form posted with it is refused
        var stale = new BrowserSession(port);
        stale.login(user.username(), TestApi.PASSWORD);
        assertThat(stale.post("/me/tokens", "name", "forged").statusCode()).isEqualTo(403);
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);

        browser.get("/me");
        var wrong = browser.post(
                "/me/password",
                "current",
                "not-my-password",
                "password",
                "a-new-password",
                "confirm",
                "a-new-password");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Le mot de passe actuel est incorrect");
        var changed = browser.post(
                "/me/password", "current", TestApi.PASSWORD, "password", "a-new-password", "confirm", "a-new-password");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(api.withAuthorization("Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((user.username() + ":a-new-password").getBytes()))
                        .get("/api/v1/me")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void adminPagesRender() {
        var api = new TestApi(port, jdbc);
        var adminUser = api.createUser("admin");
        var browser = new BrowserSession(port);
        browser.login(adminUser.username(), TestApi.PASSWORD);
        assertThat(browser.get("/admin/skills").statusCode()).isEqualTo(200);
        String skill = "pg" + unique();
        assertThat(browser.post("/admin/skills", "name", skill).statusCode()).isEqualTo(302);
        browser.get("/admin/teams");
        var team = browser.post("/admin/teams", "name", "Page team " + unique());
        assertThat(team.statusCode()).isEqualTo(302);
        String teamPath = team.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        var member = api.createUser("agent");
        browser.get(teamPath);
        browser.post(teamPath + "/members", "user", member.username());
        assertThat(browser.get(teamPath).body()).contains(member.username());

        var users = browser.get("/admin/users?q=" + member.username());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains(member.username());
        String username = "web" + unique();
        var invited = browser.post(
                "/admin/users", "username", username, "email", username + "@example.test", "role", "agent");
        assertThat(invited.statusCode()).isEqualTo(302);
        String userPath = invited.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        var userPage = browser.get(userPath);
        assertThat(userPage.statusCode()).isEqualTo(200);
        assertThat(userPage.body()).contains("/invite/");

        var edit = browser.post(
                userPath,
                "version",
                "0",
                "displayName",
                "Web Person",
                "email",
                username + "@example.test",
                "role",
                "supervisor",
                "locale",
                "ru",
                "timeZone",
                "Europe/Moscow",
                "skill." + skill,
                "3",
                "languages",
                "ru, en",
                "capacity.voice",
                "1",
                "capacity.chat",
                "4",
                "capacity.email",
                "6");
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(302);
        var json = api.as(adminUser).get("/api/v1/users/" + username).json();
        assertThat(json.get("role").asString()).isEqualTo("supervisor");
        assertThat(json.get("skills").get(0).get("proficiency").asInt()).isEqualTo(3);
        assertThat(json.get("languages").toString()).isEqualTo("[\"ru\",\"en\"]");
        assertThat(json.get("capacity").get("chat").asInt()).isEqualTo(4);

        browser.get(userPath);
        var bad = browser.post(
                userPath,
                "version",
                "1",
                "displayName",
                "X",
                "role",
                "agent",
                "locale",
                "en",
                "timeZone",
                "UTC",
                "languages",
                "xx",
                "capacity.voice",
                "1",
                "capacity.chat",
                "1",
                "capacity.email",
                "1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("languages[0]");

        assertThat(browser.get("/admin/audit?entityId=" + json.get("id").asString())
                        .body())
                .contains("user.updated");
        assertThat(browser.get("/admin/audit?since=2026-01-01&action=user.created")
                        .statusCode())
                .isEqualTo(200);
        assertThat(browser.get("/admin/users/" + java.util.UUID.randomUUID()).statusCode())
                .isEqualTo(404);

        browser.get(userPath);
        assertThat(browser.post(userPath + "/deactivate").statusCode()).isEqualTo(302);
        assertThat(api.as(adminUser)
                        .get("/api/v1/users/" + username)
                        .json()
                        .get("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aSessionFollowsRoleChangesAndEndsWhenTheUserIsDeactivated() {
        var api = new TestApi(port, jdbc);
        var admin = api.as(api.createUser("admin"));
        var user = api.createUser("agent");
        var browser = new BrowserSession(port);
        browser.login(user.username(), TestApi.PASSWORD);
        assertThat(browser.get("/admin/teams").statusCode()).isEqualTo(403);

        admin.patch("/api/v1/users/" + user.id(), "{\"role\":\"admin\"}");
        assertThat(browser.get("/admin/teams").statusCode()).isEqualTo(200);

        admin.patch("/api/v1/users/" + user.id(), "{\"role\":\"agent\"}");
        admin.post("/api/v1/users/" + user.id() + "/deactivate", null);
        var after = browser.get("/me");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
        assertThat(browser.get("/me").statusCode()).isEqualTo(302);
    }

    @Test
    void prometheusTakesAnAdminsBasicCredentials() {
        var api = new TestApi(port, jdbc);
        assertThat(api.as(api.createUser("admin")).get("/actuator/prometheus").status())
                .isEqualTo(200);
        assertThat(api.as(api.createUser("agent")).get("/actuator/prometheus").status())
                .isEqualTo(403);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }
}
