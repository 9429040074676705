package org.switchboard.channel.email.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.RealQueues;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/**
 * The email template pages: an admin replaces the English acknowledgement, the next acknowledgement
 * GreenMail receives carries it; a text without {@code {{body}}} or with an unknown placeholder is
 * refused on the page and by the API alike; the built-in text comes back; every change is audited.
 */
@SwitchboardIntegrationTest
class EmailTemplatePagesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailIngestion ingestion;

    TestMailServer mail;

    @AfterEach
    void tearDown() {
        if (mail != null) {
            mail.stop();
        }
        // the templates are global: leave the built-in ones for the other tests
        jdbc.sql("delete from email_template").update();
    }

    @Test
    void anAdminReplacesATemplateTheMailCarriesItAndBadTextsAreRefusedAsByTheApi() throws Exception {
        var api = new TestApi(port, jdbc);
        var queues = RealQueues.on(api);
        var adminUser = api.createUser("admin");
        var admin = api.as(adminUser);
        var pages = SignedInPages.signIn(port, adminUser);

        assertThat(pages.get("/admin/email/mailboxes").body()).contains("href=\"/admin/email/templates\"");
        Document list = Jsoup.parse(pages.get("/admin/email/templates").body());
        assertThat(list.select("#email-templates tbody tr")).hasSize(8);
        assertThat(list.select("#email-templates a[href='/admin/email/templates/reply/fr']"))
                .hasSize(1);

        // the test database outlives a run: count audit entries from here
        long replyAudits = audits("email.template.changed", "reply/en");
        long ackAudits = audits("email.template.changed", "acknowledgement/en");
        long resetAudits = audits("email.template.reset", "acknowledgement/en");
        String path = "/admin/email/templates/reply/en";
        var page = pages.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        Document form = Jsoup.parse(page.body());
        assertThat(form.select("main#main form#template-edit label[for=text]")).hasSize(1);
        assertThat(form.select("#text").text()).contains("{{body}}");
        assertThat(form.select("#placeholders code").eachText())
                .containsExactly("{{customer.name}}", "{{case.number}}", "{{agent.name}}", "{{signature}}", "{{body}}");
        String csrf = SignedInPages.csrf(page.body());

        // a reply without the agent's text, and a misspelt placeholder: refused, kept as typed, nothing saved
        String bad = "Dear {{customer.nmae}},\r\n\r\nRegards";
        var refused = pages.post(path, csrf, "text=" + SignedInPages.enc(bad));
        assertThat(refused.statusCode()).isEqualTo(400);
        Document errors = Jsoup.parse(refused.body());
        assertThat(errors.select("#text[aria-invalid=true]")).hasSize(1);
        assertThat(errors.select("#text").attr("aria-describedby")).contains("text-error");
        assertThat(errors.select("#text-error[role=alert] span")).hasSize(2);
        assertThat(errors.select("#text-error").text()).contains("{{customer.nmae}}", "{{body}}");
        assertThat(errors.select("#text").text()).contains("{{customer.nmae}}");
        var byApi = admin.put("/api/v1/channels/email/templates/reply/en", "{\"text\": \"Dear {{customer.nmae}}\"}");
        assertThat(byApi.status()).isEqualTo(400);
        assertThat(byApi.body()).contains("text", "customer.nmae", "{{body}}");
        assertThat(admin.get("/api/v1/channels/email/templates/reply/en")
                        .json()
                        .get("custom")
                        .asBoolean())
                .isFalse();
        assertThat(audits("email.template.changed", "reply/en")).isEqualTo(replyAudits);

        // the English acknowledgement, replaced on the page, is what the customer receives
        var queue = queues.newQueue("templates");
        mail = TestMailServer.start();
        String support = "templates-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        mail.createMailbox(admin, support, queue.name());
        assertThat(admin.put("/api/v1/channels/email/queues/" + queue.id(), "{\"autoAcknowledge\": true}")
                        .status())
                .isEqualTo(200);
        String ack = "/admin/email/templates/acknowledgement/en";
        var saved = pages.post(
                ack,
                SignedInPages.csrf(pages.get(ack).body()),
                "text="
                        + SignedInPages.enc(
                                "Thanks {{customer.name}}! Your case is {{case.number}}.\r\n{{signature}}"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        var shown =
                admin.get("/api/v1/channels/email/templates/acknowledgement/en").json();
        assertThat(shown.get("custom").asBoolean()).isTrue();
        assertThat(shown.get("text").asString())
                .isEqualTo("Thanks {{customer.name}}! Your case is {{case.number}}.\n{{signature}}");
        assertThat(audits("email.template.changed", "acknowledgement/en")).isEqualTo(ackAudits + 1);
        assertThat(Jsoup.parse(pages.get(ack).body()).select("[role=status]")).isNotEmpty();

        String customer = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.test";
        MimeMessage mailIn = new MimeMessage(mail.smtpSession());
        mailIn.setFrom(new InternetAddress(customer, "Ana Lima"));
        mailIn.setRecipient(Message.RecipientType.TO, new InternetAddress(support));
        mailIn.setSubject("Parcel lost", "UTF-8");
        mailIn.setText("Where is my parcel?", "UTF-8");
        Transport.send(mailIn);
        MimeMessage acknowledgement = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> {
                            ingestion.ingestNow(support);
                            return sentTo(support, customer);
                        },
                        m -> m != null);
        String body = acknowledgement.getContent() instanceof Multipart multipart
                ? multipart.getBodyPart(0).getContent().toString()
                : acknowledgement.getContent().toString();
        assertThat(body).startsWith("Thanks Ana Lima! Your case is SB-").doesNotContain("{{");

        // back to the built-in text
        var reset = pages.post(ack + "/reset", SignedInPages.csrf(pages.get(ack).body()), "");
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(admin.get("/api/v1/channels/email/templates/acknowledgement/en")
                        .json()
                        .get("custom")
                        .asBoolean())
                .isFalse();
        assertThat(audits("email.template.reset", "acknowledgement/en")).isEqualTo(resetAudits + 1);

        // every label in French, Chinese, Russian and English; an agent is refused
        for (String lang : List.of("fr", "zh", "ru", "en")) {
            pages.language(lang);
            var translated = pages.get(path);
            assertThat(translated.statusCode()).isEqualTo(200);
            assertThat(translated.body()).as(lang).doesNotContain("??");
            assertThat(pages.get("/admin/email/templates").body()).as(lang).doesNotContain("??");
        }
        var agent = SignedInPages.signIn(port, api.createUser("agent"));
        assertThat(agent.get(path).statusCode()).isEqualTo(403);
        assertThat(api.as(api.createUser("agent"))
                        .get("/api/v1/channels/email/templates")
                        .status())
                .isEqualTo(403);
    }

    private long audits(String action, String entity) {
        return jdbc.sql("select count(*) from audit_log where action = ? and entity_id = ?")
                .params(action, entity)
                .query(Long.class)
                .single();
    }

    private MimeMessage sentTo(String from, String to) throws Exception {
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            if (m.getFrom() != null && m.getFrom()[0].toString().contains(from)) {
                for (var r : m.getAllRecipients()) {
                    if (r.toString().contains(to)) {
                        return m;
                    }
                }
            }
        }
        return null;
    }
}
