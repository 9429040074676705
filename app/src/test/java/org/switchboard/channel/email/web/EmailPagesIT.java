package org.switchboard.channel.email.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.RealQueues;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** The admin mailbox page (health, connection test) and the case page's email block render. */
@SwitchboardIntegrationTest
class EmailPagesIT {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMailboxPageShowsHealthAndTestsTheConnectionAndTheCaseBlockRenders() throws Exception {
        var api = new TestApi(port, jdbc);
        var queues = RealQueues.on(api);
        var queue = queues.newQueue("pages");
        var adminUser = api.createUser("admin");
        var admin = api.as(adminUser);
        String address = "pages-" + System.nanoTime() + "@example.test";
        var created = admin.post("/api/v1/channels/email/mailboxes", """
                {"name": "%s", "address": "%s", "queue": "%s",
                 "imap": {"host": "127.0.0.1", "port": 1, "security": "none", "username": "u", "password": "p"},
                 "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"}}""".formatted(address, address, queue.name()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = "http://localhost:" + port;
        String login = get(http, base + "/login").body();
        var signedIn = post(
                http,
                base + "/login",
                csrf(login),
                "username=" + adminUser.username() + "&password="
                        + URLEncoder.encode(TestApi.PASSWORD, StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(302);

        var page = get(http, base + "/admin/email/mailboxes");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(address).contains("/admin/email/mailboxes/" + id + "/test");
        var test = post(http, base + "/admin/email/mailboxes/" + id + "/test", csrf(page.body()), "");
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body()).contains("badge failing");

        var kase = admin.post(
                "/api/v1/cases",
                "{\"subject\": \"Hi\", \"customer\": {\"email\": \"pages@customer.test\"}, \"queue\": \"%s\", \"channel\": \"email\", \"message\": {\"text\": \"Hello\"}}"
                        .formatted(queue.name()));
        assertThat(kase.status()).as(kase.body()).isEqualTo(201);
        var panel = get(http, base + "/email/cases/" + kase.json().get("id").asString() + "/panel");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("email-panel");
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token").isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String csrf, String form) throws Exception {
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
