package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.knowledge.KnowledgeTests.article;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
@Import(ArticleApiIT.Events.class)
class ArticleApiIT {

    /** Records the knowledge events as a listener of another module would receive them (after commit). */
    @TestConfiguration
    static class Events {
        @Bean
        Recorder knowledgeEventRecorder() {
            return new Recorder();
        }
    }

    static class Recorder {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @ApplicationModuleListener
        void on(ArticlePublished event) {
            received.add(event);
        }

        @ApplicationModuleListener
        void on(ArticleArchived event) {
            received.add(event);
        }

        List<Object> received() {
            return received;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Recorder recorder;

    @Autowired
    Articles articles;

    TestApi anonymous;
    TestApi.TestUser agentUser;
    TestApi agent;
    TestApi.TestUser adminUser;
    TestApi admin;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        agentUser = anonymous.createUser("agent");
        agent = anonymous.as(agentUser);
        adminUser = anonymous.createUser("admin");
        admin = anonymous.as(adminUser);
    }

    String create(TestApi as, String json) {
        var created = as.post("/api/v1/knowledge/articles", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    void agentsDraftAndEditorsPublishWithAnEventAfterCommit() {
        String id = create(agent, article("Printer is offline", "# Check cable\n\nPlug it in.", "en", "customers"));
        var draft = agent.get("/api/v1/knowledge/articles/" + id);
        assertThat(draft.json().get("status").asString()).isEqualTo("draft");
        assertThat(draft.json().get("bodyHtml").asString()).contains("<h1>Check cable</h1>");
        assertThat(draft.header("ETag")).isEqualTo("\"0\"");

        var submitted = agent.post(
                "/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"in_review\"}", "If-Match", "\"0\"");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);

        var refused = agent.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"published\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(recorder.received())
                .noneMatch(e ->
                        e instanceof ArticlePublished p && p.id().toString().equals(id));

        var published = admin.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"published\"}");
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        assertThat(published.json().get("publishedAt").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.received().stream()
                        .anyMatch(e -> e instanceof ArticlePublished p
                                && p.id().toString().equals(id)));
        assertThat(articles.published(ArticleId.parse(id))).isPresent();

        var archived = admin.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"archived\"}");
        assertThat(archived.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> recorder.received().stream()
                        .anyMatch(e -> e instanceof ArticleArchived a
                                && a.id().toString().equals(id)));
        assertThat(articles.published(ArticleId.parse(id))).isEmpty();
    }

    @Test
    void aGrantedEditorMayPublishAndTheGrantIsAdminOnly() {
        String id = create(agent, article("Reset a password", "Use the link.", "en", "agents"));
        assertThat(agent.put("/api/v1/knowledge/editors/" + agentUser.username(), null)
                        .status())
                .isEqualTo(403);
        var granted = admin.put("/api/v1/knowledge/editors/" + agentUser.username(), null);
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(agent.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"published\"}")
                        .status())
                .isEqualTo(200);
        long audited = jdbc.sql(
                        "select count(*) from audit_log where action = 'knowledge.editor.granted' and entity_id = ?")
                .param(agentUser.id())
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void versionsKeepEveryEditWithADiffAndARollbackIsANewRevision() {
        String id = create(agent, article("Wi-Fi setup", "Line one\nLine two", "en", "agents"));
        var edited = agent.patch(
                "/api/v1/knowledge/articles/" + id, "{\"body\":\"Line one\\nLine 2 changed\"}", "If-Match", "\"0\"");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("revision").asInt()).isEqualTo(2);

        var stale = agent.patch("/api/v1/knowledge/articles/" + id, "{\"summary\":\"x\"}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);

        var diff = agent.get("/api/v1/knowledge/articles/" + id + "/versions/2/diff");
        assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
        assertThat(diff.json().get("body").toString())
                .contains("{\"kind\":\"same\",\"text\":\"Line one\"")
                .contains("{\"kind\":\"removed\",\"text\":\"Line two\"")
                .contains("{\"kind\":\"added\",\"text\":\"Line 2 changed\"");

        var rolledBack = agent.post("/api/v1/knowledge/articles/" + id + "/versions/1/rollback", null);
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.json().get("revision").asInt()).isEqualTo(3);
        assertThat(rolledBack.json().get("body").asString()).isEqualTo("Line one\nLine two");
        var versions = agent.get("/api/v1/knowledge/articles/" + id + "/versions");
        assertThat(versions.json().get("items").size()).isEqualTo(3);
    }

    @Test
    void aTranslationOlderThanItsSourceIsStale() {
        String source = create(agent, article("Return an order", "Send it back.", "en", "customers"));
        var translation = agent.post(
                "/api/v1/knowledge/articles/" + source + "/translations",
                "{\"title\":\"Retourner une commande\",\"body\":\"Renvoyez-la.\",\"language\":\"fr\"}");
        assertThat(translation.status()).as(translation.toString()).isEqualTo(201);
        String fr = translation.json().get("id").asString();
        assertThat(translation.json().get("audience").asString()).isEqualTo("customers");
        assertThat(translation.json().get("stale").asBoolean()).isFalse();

        var duplicate = agent.post(
                "/api/v1/knowledge/articles/" + source + "/translations",
                "{\"title\":\"Encore\",\"body\":\"x\",\"language\":\"fr\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("errors").get(0).get("field").asString())
                .isEqualTo("language");

        agent.patch("/api/v1/knowledge/articles/" + source, "{\"body\":\"Send it back within 30 days.\"}");
        assertThat(agent.get("/api/v1/knowledge/articles/" + fr)
                        .json()
                        .get("stale")
                        .asBoolean())
                .isTrue();
        var family = agent.get("/api/v1/knowledge/articles/" + fr + "/translations")
                .json()
                .get("items");
        assertThat(family.size()).isEqualTo(2);
        assertThat(family.get(0).get("id").asString()).isEqualTo(source);

        agent.patch("/api/v1/knowledge/articles/" + fr, "{\"body\":\"Renvoyez-la sous 30 jours.\"}");
        assertThat(agent.get("/api/v1/knowledge/articles/" + fr)
                        .json()
                        .get("stale")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anOldSlugRedirectsPermanentlyAndAnonymousReadersSeeCustomerArticlesOnly() throws Exception {
        String id = create(agent, article("Printer jams", "Open the tray.", "en", "customers"));
        admin.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"published\"}");
        String internal = create(agent, article("Escalation matrix", "Call the lead.", "en", "agents"));
        admin.post("/api/v1/knowledge/articles/" + internal + "/status", "{\"status\":\"published\"}");

        var renamed = admin.patch("/api/v1/knowledge/articles/" + id, "{\"title\":\"Paper jams in the printer\"}");
        assertThat(renamed.json().get("slug").asString()).isEqualTo("paper-jams-in-the-printer");

        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var old = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + "/help/articles/" + id + "-printer-jams"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(301);
        assertThat(old.headers().firstValue("Location").orElseThrow())
                .endsWith("/help/articles/" + id + "-paper-jams-in-the-printer");
        var current = http.send(
                HttpRequest.newBuilder(
                                URI.create(anonymous.baseUrl() + "/help/articles/" + id + "-paper-jams-in-the-printer"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.body()).contains("Open the tray.");
        assertThat(articles.findBySlug("printer-jams", null))
                .map(ArticleView::id)
                .hasValue(ArticleId.parse(id));

        var hidden = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + "/help/articles/" + internal))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/help/articles/" + internal).status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/help/articles/" + internal).status()).isEqualTo(200);

        var help = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + "/help"))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(help.body()).contains("Paper jams in the printer").doesNotContain("Escalation matrix");
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        long before = count();
        var missing =
                agent.post("/api/v1/knowledge/articles", "{\"body\":\"x\",\"language\":\"xx\",\"audience\":\"all\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").toString())
                .contains("\"field\":\"title\"")
                .contains("\"field\":\"language\"")
                .contains("\"field\":\"audience\"");
        var notJson = agent.post("/api/v1/knowledge/articles", "[1,2]");
        assertThat(notJson.status()).isEqualTo(400);
        var badStatus = agent.post(
                "/api/v1/knowledge/articles/" + create(agent, article("T", "B", "en", "agents")) + "/status",
                "{\"status\":\"gone\"}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").get(0).get("field").asString())
                .isEqualTo("status");
        assertThat(agent.get("/api/v1/knowledge/articles/not-an-id").status()).isEqualTo(404);
        var nul = agent.post(
                "/api/v1/knowledge/articles",
                "{\"title\":\"a\\u0000b\",\"body\":\"x\",\"language\":\"en\",\"audience\":\"agents\",\"tags\":[\"t\\u0000\"]}");
        assertThat(nul.status()).as(nul.toString()).isEqualTo(400);
        assertThat(nul.json().get("errors").toString())
                .contains("\"field\":\"title\"")
                .contains("\"field\":\"tags[0]\"");
        var owner = agent.get("/api/v1/knowledge/articles?owner=nobody");
        assertThat(owner.status()).isEqualTo(400);
        assertThat(owner.json().get("errors").get(0).get("field").asString()).isEqualTo("owner");
        var category = agent.get("/api/v1/knowledge/articles?category=nothing");
        assertThat(category.status()).isEqualTo(400);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void documentsAreImportedAllOrNothing() {
        long before = count();
        byte[] markdown = "# Router lights\n\nA blinking light means no signal.".getBytes(StandardCharsets.UTF_8);
        byte[] html =
                "<html><head><title>Billing FAQ</title></head><body><h2>Invoices</h2><p>Invoices are monthly.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] garbage = {(byte) 0x25, 'P', 'D', 'F', '-', '1', '.', '4', '\n', 0, 1, 2, 3, (byte) 0xff};

        var failed = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/import",
                new String[] {"language", "en"},
                "router.md",
                markdown,
                "broken.pdf",
                garbage);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(400);
        assertThat(failed.json().get("errors").get(0).get("field").asString()).isEqualTo("files[1]");
        assertThat(failed.json().get("errors").get(0).get("message").asString()).startsWith("broken.pdf: ");
        assertThat(count()).isEqualTo(before);

        var imported = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/import",
                new String[] {"language", "en", "audience", "customers"},
                "router.md",
                markdown,
                "billing.html",
                html);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        var items = imported.json().get("items");
        assertThat(items.get(0).get("title").asString()).isEqualTo("Router lights");
        assertThat(items.get(0).get("status").asString()).isEqualTo("draft");
        assertThat(items.get(1).get("title").asString()).isEqualTo("Billing FAQ");
        assertThat(items.get(1).get("body").asString()).contains("## Invoices").contains("Invoices are monthly.");
        assertThat(count()).isEqualTo(before + 2);

        var publishRefused = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/import",
                new String[] {"language", "en", "publish", "true"},
                "router.md",
                markdown);
        assertThat(publishRefused.status()).isEqualTo(403);
        var noLanguage = KnowledgeTests.upload(
                anonymous, agentUser, "/api/v1/knowledge/articles/import", new String[] {}, "router.md", markdown);
        assertThat(noLanguage.status()).isEqualTo(400);
        assertThat(noLanguage.json().get("errors").get(0).get("field").asString())
                .isEqualTo("language");
    }

    @Test
    void importingAnExternalIdAgainUpdatesTheSamePublishedArticle() {
        String externalId = "faq-" + java.util.UUID.randomUUID();
        var first = articles.importArticle(
                new ImportedArticle(
                        externalId,
                        "How to pay",
                        "By card.",
                        Language.of("en"),
                        Audience.CUSTOMERS,
                        List.of("billing")),
                null);
        assertThat(first.created()).isTrue();
        var same = articles.importArticle(
                new ImportedArticle(
                        externalId,
                        "How to pay",
                        "By card.",
                        Language.of("en"),
                        Audience.CUSTOMERS,
                        List.of("billing")),
                null);
        assertThat(same.changed()).isFalse();
        var second = articles.importArticle(
                new ImportedArticle(
                        externalId, null, "# How to pay\n\nBy card or transfer.", Language.of("en"), null, List.of()),
                null);
        assertThat(second.created()).isFalse();
        assertThat(second.id()).isEqualTo(first.id());
        var view = articles.findByExternalId(externalId).orElseThrow();
        assertThat(view.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(view.title()).isEqualTo("How to pay");
        assertThat(view.revision()).isEqualTo(2);
        assertThat(articles.published(first.id()).orElseThrow().passages()).isNotEmpty();
    }

    @Test
    void attachmentsAreServedToWhoeverMayReadTheArticle() throws Exception {
        byte[] png = {
            (byte) 0x89,
            'P',
            'N',
            'G',
            0x0D,
            0x0A,
            0x1A,
            0x0A,
            0,
            0,
            0,
            13,
            'I',
            'H',
            'D',
            'R',
            0,
            0,
            0,
            1,
            0,
            0,
            0,
            1,
            8,
            2,
            0,
            0,
            0
        };
        String id = create(agent, article("Printer lights", "See the picture.", "en", "customers"));
        var image = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/" + id + "/attachments",
                new String[] {},
                "lights.png",
                png);
        assertThat(image.status()).as(image.toString()).isEqualTo(201);
        assertThat(image.json().get("contentType").asString()).isEqualTo("image/png");
        String imageUrl = image.json().get("url").asString();
        var page = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/" + id + "/attachments",
                new String[] {},
                "page.html",
                "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        String pageUrl = page.json().get("url").asString();

        HttpClient http = HttpClient.newHttpClient();
        var hidden = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + imageUrl))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hidden.statusCode()).isEqualTo(404);

        admin.post("/api/v1/knowledge/articles/" + id + "/status", "{\"status\":\"published\"}");
        var shown = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + imageUrl))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).isEqualTo(png);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(shown.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline");
        var download = http.send(
                HttpRequest.newBuilder(URI.create(anonymous.baseUrl() + pageUrl))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        var refused = KnowledgeTests.upload(
                anonymous,
                agentUser,
                "/api/v1/knowledge/articles/" + id + "/attachments",
                new String[] {},
                "b.png",
                png);
        assertThat(refused.status()).isEqualTo(403);
    }

    long count() {
        return jdbc.sql("select count(*) from knowledge_article")
                .query(Long.class)
                .single();
    }
}
