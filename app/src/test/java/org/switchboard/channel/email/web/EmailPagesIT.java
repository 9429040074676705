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
import org.switchboard.channel.email.mailbox.Mailboxes;
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

    @Autowired
    Mailboxes mailboxes;

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

    @Test
    void anAdminEditsAMailboxAndItsAliasesOnTheMailboxPage() throws Exception {
        var api = new TestApi(port, jdbc);
        var queues = RealQueues.on(api);
        var queue = queues.newQueue("edit");
        var billing = queues.newQueue("billing");
        var adminUser = api.createUser("admin");
        var admin = api.as(adminUser);
        String address = "edit-" + System.nanoTime() + "@example.test";
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
        post(
                http,
                base + "/login",
                csrf(login),
                "username=" + adminUser.username() + "&password="
                        + URLEncoder.encode(TestApi.PASSWORD, StandardCharsets.UTF_8));
        assertThat(get(http, base + "/admin/email/mailboxes").body()).contains("/admin/email/mailboxes/" + id + "\"");
        var page = get(http, base + "/admin/email/mailboxes/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"mailbox-edit\"", "id=\"alias-add\"", address);
        String csrf = csrf(page.body());
        String edit = "version=0&name=Renamed+" + System.nanoTime() + "&address=" + enc(address) + "&queue="
                + queue.id() + "&active=on&imapHost=imap.example.test&imapPort=993&imapSecurity=ssl"
                + "&imapUsername=u&imapPassword=&imapAuth=password&imapFolder=INBOX&afterImport=move"
                + "&moveToFolder=Done&smtpHost=127.0.0.1&smtpPort=25&smtpSecurity=none&smtpUsername="
                + "&smtpPassword=&smtpAuth=password";

        // without the CSRF token: refused
        var forged = http.send(
                HttpRequest.newBuilder(URI.create(base + "/admin/email/mailboxes/" + id))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(edit))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        var saved = post(http, base + "/admin/email/mailboxes/" + id, csrf, edit);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        var shown = admin.get("/api/v1/channels/email/mailboxes/" + id).json();
        assertThat(shown.get("name").asString()).startsWith("Renamed");
        assertThat(shown.get("imap").get("host").asString()).isEqualTo("imap.example.test");
        assertThat(shown.get("afterImport").asString()).isEqualTo("move");
        assertThat(shown.get("moveToFolder").asString()).isEqualTo("Done");
        assertThat(mailboxes.get(id).imap().secret())
                .as("an empty password keeps the stored one")
                .isEqualTo("p");
        // the same (now stale) version again: a conflict, nothing changed
        var stale =
                post(http, base + "/admin/email/mailboxes/" + id, csrf, edit.replace("imap.example", "imap2.example"));
        assertThat(stale.statusCode()).isEqualTo(409);
        var bad = post(
                http,
                base + "/admin/email/mailboxes/" + id,
                csrf,
                edit.replace("version=0", "version=1").replace("imapPort=993", "imapPort=0"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("imap.port");

        String alias = address.replace("@", "+billing@");
        var added = post(
                http,
                base + "/admin/email/mailboxes/" + id + "/aliases",
                csrf,
                "address=" + enc(alias) + "&queue=" + billing.id());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        var aliases = admin.get("/api/v1/channels/email/mailboxes/" + id).json().get("aliases");
        assertThat(aliases.size()).isEqualTo(1);
        assertThat(aliases.get(0).get("address").asString()).isEqualTo(alias);
        assertThat(aliases.get(0).get("queue").asString()).isEqualTo(billing.name());
        assertThat(get(http, base + "/admin/email/mailboxes/" + id).body()).contains(alias);

        var invalid = post(http, base + "/admin/email/mailboxes/" + id + "/aliases", csrf, "address=nope&queue=");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("alias.address");

        var removed =
                post(http, base + "/admin/email/mailboxes/" + id + "/aliases/delete", csrf, "address=" + enc(alias));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(admin.get("/api/v1/channels/email/mailboxes/" + id)
                        .json()
                        .get("aliases")
                        .size())
                .isZero();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
