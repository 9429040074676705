package org.switchboard.channel.email.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/**
 * The admin mailbox pages (health, connection test, edit, aliases), the per-queue email settings page,
 * and the case page's email block render.
 */
@SwitchboardIntegrationTest
class EmailPagesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mailboxes mailboxes;

    TestApi api;
    RealQueues queues;
    TestApi.TestUser adminUser;
    TestApi admin;

    @BeforeEach
    void signUpAnAdmin() {
        api = new TestApi(port, jdbc);
        queues = RealQueues.on(api);
        adminUser = api.createUser("admin");
        admin = api.as(adminUser);
    }

    @Test
    void theMailboxPageShowsHealthAndTestsTheConnectionAndTheCaseBlockRenders() throws Exception {
        var queue = queues.newQueue("pages");
        String address = "pages-" + System.nanoTime() + "@example.test";
        String id = createUnreachableMailbox(admin, address, queue);
        var pages = SignedInPages.signIn(port, adminUser);

        var page = pages.get("/admin/email/mailboxes");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(address).contains("/admin/email/mailboxes/" + id + "/test");
        var test = pages.post("/admin/email/mailboxes/" + id + "/test", csrf(page.body()), "");
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body()).contains("badge failing");

        var kase = admin.post(
                "/api/v1/cases",
                "{\"subject\": \"Hi\", \"customer\": {\"email\": \"pages@customer.test\"}, \"queue\": \"%s\", \"channel\": \"email\", \"message\": {\"text\": \"Hello\"}}"
                        .formatted(queue.name()));
        assertThat(kase.status()).as(kase.body()).isEqualTo(201);
        var panel = pages.get("/email/cases/" + kase.json().get("id").asString() + "/panel");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("email-panel");
    }

    @Test
    void anAdminEditsAMailboxAndItsAliasesOnTheMailboxPage() throws Exception {
        var queue = queues.newQueue("edit");
        var billing = queues.newQueue("billing");
        String address = "edit-" + System.nanoTime() + "@example.test";
        String id = createUnreachableMailbox(admin, address, queue);
        var pages = SignedInPages.signIn(port, adminUser);
        assertThat(pages.get("/admin/email/mailboxes").body()).contains("/admin/email/mailboxes/" + id + "\"");
        var page = pages.get("/admin/email/mailboxes/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"mailbox-edit\"", "id=\"alias-add\"", address);
        String csrf = csrf(page.body());
        String edit = "version=0&name=Renamed+" + System.nanoTime() + "&address=" + enc(address) + "&queue="
                + queue.id() + "&active=on&imapHost=imap.example.test&imapPort=993&imapSecurity=ssl"
                + "&imapUsername=u&imapPassword=&imapAuth=password&imapFolder=INBOX&afterImport=move"
                + "&moveToFolder=Done&smtpHost=127.0.0.1&smtpPort=25&smtpSecurity=none&smtpUsername="
                + "&smtpPassword=&smtpAuth=password";

        // without the CSRF token: refused
        var forged = pages.client()
                .send(
                        HttpRequest.newBuilder(URI.create(pages.base() + "/admin/email/mailboxes/" + id))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(edit))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        var saved = pages.post("/admin/email/mailboxes/" + id, csrf, edit);
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
        var stale = pages.post("/admin/email/mailboxes/" + id, csrf, edit.replace("imap.example", "imap2.example"));
        assertThat(stale.statusCode()).isEqualTo(409);
        var bad = pages.post(
                "/admin/email/mailboxes/" + id,
                csrf,
                edit.replace("version=0", "version=1").replace("imapPort=993", "imapPort=0"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("imap.port");

        String alias = address.replace("@", "+billing@");
        var added = pages.post(
                "/admin/email/mailboxes/" + id + "/aliases", csrf, "address=" + enc(alias) + "&queue=" + billing.id());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        var aliases = admin.get("/api/v1/channels/email/mailboxes/" + id).json().get("aliases");
        assertThat(aliases.size()).isEqualTo(1);
        assertThat(aliases.get(0).get("address").asString()).isEqualTo(alias);
        assertThat(aliases.get(0).get("queue").asString()).isEqualTo(billing.name());
        assertThat(pages.get("/admin/email/mailboxes/" + id).body()).contains(alias);

        var invalid = pages.post("/admin/email/mailboxes/" + id + "/aliases", csrf, "address=nope&queue=");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("alias.address");

        var removed = pages.post("/admin/email/mailboxes/" + id + "/aliases/delete", csrf, "address=" + enc(alias));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(admin.get("/api/v1/channels/email/mailboxes/" + id)
                        .json()
                        .get("aliases")
                        .size())
                .isZero();
    }

    @Test
    void anAdminSetsAQueuesEmailSettingsOnItsPageWithTheChecksAndTheAuditOfTheApi() throws Exception {
        var queue = queues.newQueue("settings");
        String address = "settings-" + System.nanoTime() + "@example.test";
        String mailbox = createUnreachableMailbox(admin, address, queue);
        var pages = SignedInPages.signIn(port, adminUser);
        String path = "/admin/email/queues/" + queue.id();

        // reachable from the mailbox pages, listed with every queue
        assertThat(pages.get("/admin/email/mailboxes").body()).contains("href=\"/admin/email/queues\"");
        assertThat(pages.get("/admin/email/mailboxes/" + mailbox).body()).contains("href=\"/admin/email/queues/");
        Document list = Jsoup.parse(pages.get("/admin/email/queues").body());
        assertThat(list.select("#queue-email-settings a[href='" + path + "']").text())
                .isEqualTo(queue.name());

        var page = pages.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        Document form = Jsoup.parse(page.body());
        assertThat(form.select("main#main form#queue-email")).hasSize(1);
        for (String field : List.of(
                "fromAddress", "fromName", "signature", "requiresApproval", "approvalKeywords", "autoAcknowledge")) {
            assertThat(form.select("#queue-email [name=" + field + "]").attr("id"))
                    .as(field)
                    .isEqualTo(field);
            assertThat(form.select("label[for=" + field + "]"))
                    .as("label of " + field)
                    .hasSize(1);
        }
        assertThat(form.select("#mailboxes-title ~ ul a").text()).isEqualTo(address);
        String csrf = csrf(page.body());

        // the API's checks: a bad From address and a signature over 2000 characters, each named at its field
        String tooLong = "x".repeat(2001);
        var refused = pages.post(
                path,
                csrf,
                "fromAddress=not-an-address&fromName=" + enc("Billing desk") + "&signature=" + tooLong
                        + "&requiresApproval=on");
        assertThat(refused.statusCode()).isEqualTo(400);
        Document errors = Jsoup.parse(refused.body());
        assertThat(errors.select("#fromAddress[aria-invalid=true]")).hasSize(1);
        assertThat(errors.select("#fromAddress").attr("aria-describedby")).contains("fromAddress-error");
        assertThat(errors.select("#fromAddress-error[role=alert]").text()).isNotBlank();
        assertThat(errors.select("#signature[aria-invalid=true]")).hasSize(1);
        assertThat(errors.select("#signature-error[role=alert]").text()).containsPattern("2\\D?000");
        assertThat(errors.select("#fromName").val()).as("what was typed stays").isEqualTo("Billing desk");
        assertThat(errors.select("#fromAddress").val()).isEqualTo("not-an-address");
        assertThat(errors.select("#requiresApproval").hasAttr("checked")).isTrue();
        var byApi = admin.put(
                "/api/v1/channels/email/queues/" + queue.id(),
                "{\"fromAddress\": \"not-an-address\", \"signature\": \"" + tooLong + "\"}");
        assertThat(byApi.status()).isEqualTo(400);
        assertThat(byApi.body()).contains("fromAddress", "signature");
        var unchanged = admin.get("/api/v1/channels/email/queues/" + queue.id()).json();
        assertThat(unchanged.get("fromAddress").isNull()).isTrue();
        assertThat(unchanged.get("requiresApproval").asBoolean()).isFalse();
        assertThat(audits(queue)).as("nothing saved, nothing audited").isZero();

        var saved = pages.post(
                path,
                csrf,
                "fromAddress=" + enc(" Billing@Example.TEST ") + "&fromName=" + enc("Billing desk") + "&signature="
                        + enc("The billing team\r\nExample Ltd") + "&requiresApproval=on&approvalKeywords="
                        + enc("refund\r\n\r\n legal \r\n") + "&autoAcknowledge=on");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElse("")).endsWith(path);
        var shown = admin.get("/api/v1/channels/email/queues/" + queue.id()).json();
        assertThat(shown.get("fromAddress").asString()).isEqualTo("billing@example.test");
        assertThat(shown.get("fromName").asString()).isEqualTo("Billing desk");
        assertThat(shown.get("signature").asString()).isEqualTo("The billing team\nExample Ltd");
        assertThat(shown.get("requiresApproval").asBoolean()).isTrue();
        assertThat(shown.get("approvalKeywords").size()).isEqualTo(2);
        assertThat(shown.get("approvalKeywords").get(0).asString()).isEqualTo("refund");
        assertThat(shown.get("approvalKeywords").get(1).asString()).isEqualTo("legal");
        assertThat(shown.get("autoAcknowledge").asBoolean()).isTrue();
        assertThat(audits(queue)).isEqualTo(1);
        assertThat(jdbc.sql("select details->>'changed' from audit_log where action = 'email.queue-settings.changed'"
                                + " and entity_id = ?")
                        .param(queue.id().toString())
                        .query(String.class)
                        .single())
                .contains("fromAddress", "signature", "requiresApproval", "approvalKeywords", "autoAcknowledge")
                .doesNotContain("Example Ltd");

        Document again = Jsoup.parse(pages.get(path).body());
        assertThat(again.select("[role=status]").text()).contains(queue.name());
        assertThat(again.select("#fromAddress").val()).isEqualTo("billing@example.test");
        assertThat(again.select("#approvalKeywords").val()).isEqualTo("refund\nlegal");
        assertThat(again.select("#autoAcknowledge").hasAttr("checked")).isTrue();

        // an unticked box is off
        var off = pages.post(path, csrf, "fromAddress=&fromName=&signature=&approvalKeywords=");
        assertThat(off.statusCode()).isEqualTo(302);
        shown = admin.get("/api/v1/channels/email/queues/" + queue.id()).json();
        assertThat(shown.get("requiresApproval").asBoolean()).isFalse();
        assertThat(shown.get("autoAcknowledge").asBoolean()).isFalse();
        assertThat(shown.get("fromAddress").isNull()).isTrue();
        // the API audits the same way
        assertThat(admin.put("/api/v1/channels/email/queues/" + queue.id(), "{\"autoAcknowledge\": true}")
                        .status())
                .isEqualTo(200);
        assertThat(audits(queue)).isEqualTo(3);

        // every label in English, French, Chinese and Russian
        for (String lang : List.of("fr", "zh", "ru", "en")) {
            pages.language(lang);
            var translated = pages.get(path);
            assertThat(translated.statusCode()).isEqualTo(200);
            assertThat(Jsoup.parse(translated.body()).select("html").attr("lang"))
                    .isEqualTo(lang);
            assertThat(translated.body()).as(lang).doesNotContain("??");
            assertThat(pages.get("/admin/email/queues").body()).as(lang).doesNotContain("??");
        }

        // without the CSRF token, or as an agent: refused
        var forged = pages.client()
                .send(
                        HttpRequest.newBuilder(URI.create(pages.base() + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("requiresApproval=on"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        var agent = SignedInPages.signIn(port, api.createUser("agent"));
        assertThat(agent.get(path).statusCode()).isEqualTo(403);
        assertThat(audits(queue)).isEqualTo(3);
    }

    private long audits(QueueRef queue) {
        return jdbc.sql(
                        "select count(*) from audit_log where action = 'email.queue-settings.changed' and entity_id = ?")
                .param(queue.id().toString())
                .query(Long.class)
                .single();
    }

    /** A mailbox on servers that refuse connections: the pages show it failing. */
    private static String createUnreachableMailbox(TestApi admin, String address, QueueRef queue) {
        var created = admin.post("/api/v1/channels/email/mailboxes", """
                {"name": "%s", "address": "%s", "queue": "%s",
                 "imap": {"host": "127.0.0.1", "port": 1, "security": "none", "username": "u", "password": "p"},
                 "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"}}""".formatted(address, address, queue.name()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static String enc(String value) {
        return SignedInPages.enc(value);
    }

    private static String csrf(String page) {
        return SignedInPages.csrf(page);
    }
}
