package org.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/** Bulk import, search, suggestions, synonyms, clicks and the index's life cycle over real HTTP. */
@SwitchboardIntegrationTest
class KnowledgeSearchIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestApi anonymous;
    private TestApi admin;
    private TestApi agent;
    private TestApi.TestUser adminUser;
    /** A token no other test uses, so results are this test's own. */
    private String marker;

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        anonymous = api;
        adminUser = api.createUser("admin");
        admin = api.as(adminUser);
        agent = api.as(api.createUser("agent"));
        // Letters then digits: one token for the analyzers, no function word for the language detector.
        marker = "zq" + (100_000_000 + new java.util.Random().nextInt(900_000_000));
    }

    private TestApi.Response bulk(String ndjson) {
        String credentials = adminUser.username() + ":" + TestApi.PASSWORD;
        var request = HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/api/v1/knowledge/articles/bulk"))
                .header("Content-Type", "application/x-ndjson")
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8))
                .build();
        return admin.send(request);
    }

    private static String line(String externalId, String title, String body, String language, String audience) {
        return "{\"externalId\":\"" + externalId + "\",\"title\":\"" + title + "\",\"body\":\"" + body
                + "\",\"language\":\"" + language + "\",\"audience\":\"" + audience + "\",\"tags\":[\"help\"]}";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<String> externalIds(TestApi as, String query) {
        var response = as.get("/api/v1/knowledge/search?q=" + enc(query).replace("%26lang%3D", "&lang=") + "&limit=10");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : response.json().get("hits")) {
            ids.add(hit.get("externalId").asString());
        }
        return ids;
    }

    @Test
    void importedArticlesAreSearchableWithTheDocumentedShape() {
        var response = bulk(String.join(
                "\n",
                line(
                        marker + "-pw",
                        "Reset your password " + marker,
                        "Open settings and choose reset password.",
                        "en",
                        "customers"),
                line(
                        marker + "-int",
                        "Refund approval " + marker,
                        "Supervisors approve refunds over 100 euros.",
                        "en",
                        "agents")));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("results")).hasSize(2);
        assertThat(response.json().get("results").get(0).get("status").asString())
                .isEqualTo("created");

        var search = anonymous.get("/api/v1/knowledge/search?q=" + enc("password " + marker) + "&lang=en&limit=5");
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        JsonNode hit = search.json().get("hits").get(0);
        assertThat(search.json().properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("hits");
        assertThat(hit.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder(
                        "articleId", "externalId", "language", "title", "snippet", "passageId", "score");
        assertThat(hit.get("externalId").asString()).isEqualTo(marker + "-pw");
        assertThat(hit.get("language").asString()).isEqualTo("en");
        assertThat(hit.get("snippet").asString()).contains("<mark>password</mark>");
        assertThat(hit.get("passageId").asString())
                .isEqualTo(hit.get("articleId").asString() + "#0");
    }

    @Test
    void anonymousReadersSeeCustomerArticlesOnlyAgentsSeeInternalOnes() {
        bulk(String.join(
                "\n",
                line(marker + "-pub", "Delivery times " + marker, "Parcels arrive in three days.", "en", "customers"),
                line(
                        marker + "-int",
                        "Delivery escalation " + marker,
                        "Escalate late parcels to logistics.",
                        "en",
                        "agents")));
        assertThat(externalIds(anonymous, "delivery " + marker))
                .contains(marker + "-pub")
                .doesNotContain(marker + "-int");
        assertThat(externalIds(agent, "delivery " + marker)).contains(marker + "-pub", marker + "-int");
        // Asking for internal articles anonymously still gives customer articles only.
        var sneaky = anonymous.get("/api/v1/knowledge/search?q=" + enc("delivery " + marker) + "&audience=agents");
        assertThat(sneaky.body()).contains(marker + "-pub").doesNotContain(marker + "-int");
    }

    @Test
    void badLinesAreReportedAndTheGoodOnesImported() {
        var response = bulk(String.join(
                "\n",
                line(marker + "-ok", "Invoice copy " + marker, "Download invoices from billing.", "en", "customers"),
                "{\"title\":\"No id " + marker + "\",\"body\":\"x\",\"language\":\"en\"}",
                "{\"externalId\":\"" + marker + "-nolang\",\"title\":\"No language\",\"body\":\"x\"}",
                "{\"externalId\":\"" + marker + "-empty\",\"language\":\"en\"}",
                "{\"externalId\":\"" + marker + "-badlang\",\"title\":\"t\",\"language\":\"english\"}",
                "not json at all"));
        assertThat(response.status()).as(response.toString()).isEqualTo(207);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).get("status").asString()).isEqualTo("created");
        assertThat(results.get(1).get("errors").get(0).get("field").asString()).isEqualTo("externalId");
        assertThat(results.get(2).get("errors").get(0).get("field").asString()).isEqualTo("language");
        assertThat(results.get(3).get("errors").get(0).get("field").asString()).isEqualTo("title");
        assertThat(results.get(4).get("errors").get(0).get("field").asString()).isEqualTo("language");
        assertThat(results.get(5).get("line").asInt()).isEqualTo(6);
        assertThat(externalIds(anonymous, "invoice " + marker)).first().isEqualTo(marker + "-ok");
        assertThat(jdbc.sql("select count(*) from knowledge_search_article where external_id like ?")
                        .param(marker + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void importingTheSameExternalIdAgainUpdatesTheArticle() {
        bulk(line(marker + "-x", "Old title " + marker, "Old text.", "en", "customers"));
        var again = bulk(line(marker + "-x", "Warranty claims " + marker, "New text.", "en", "customers"));
        assertThat(again.json().get("results").get(0).get("status").asString()).isEqualTo("updated");
        var hits = anonymous
                .get("/api/v1/knowledge/search?q=" + enc("\"" + marker + "\"") + "&lang=en")
                .json()
                .get("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).get("title").asString()).isEqualTo("Warranty claims " + marker);
    }

    @Test
    void perLanguageAnalysisDetectionTyposPrefixesAndPhrases() {
        bulk(String.join(
                "\n",
                line(
                        marker + "-fr",
                        "Imprimante bloquée " + marker,
                        "Mon imprimante ne fonctionne plus après la mise à jour.",
                        "fr",
                        "customers"),
                line(
                        marker + "-ru",
                        "Смена пароля " + marker,
                        "Как выполнить смену пароля в личном кабинете.",
                        "ru",
                        "customers"),
                line(marker + "-zh", "查询物流信息 " + marker, "您可以在订单页面查询物流信息。", "zh", "customers"),
                line(
                        marker + "-en",
                        "Connecting the router " + marker,
                        "Plug the router into the wall socket and wait.",
                        "en",
                        "customers")));
        // Stemming per language, language detected from the query.
        assertThat(externalIds(anonymous, "les imprimantes " + marker)).first().isEqualTo(marker + "-fr");
        assertThat(externalIds(anonymous, "пароли " + marker)).first().isEqualTo(marker + "-ru");
        assertThat(externalIds(anonymous, "物流 " + marker)).first().isEqualTo(marker + "-zh");
        // A typo, a prefix being typed, a phrase.
        assertThat(externalIds(anonymous, "rooter " + marker)).first().isEqualTo(marker + "-en");
        assertThat(externalIds(anonymous, marker + " conne")).first().isEqualTo(marker + "-en");
        assertThat(externalIds(anonymous, "\"wall socket\" " + marker)).first().isEqualTo(marker + "-en");
        assertThat(externalIds(anonymous, "\"socket wall\" " + marker)).doesNotContain(marker + "-en");
    }

    @Test
    void badQueriesAreRejectedNamingTheProblem() {
        var empty = anonymous.get("/api/v1/knowledge/search?q=%20");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("\"q\"");
        var tooLong = anonymous.get("/api/v1/knowledge/search?q=" + "a".repeat(1001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("1000");
        var badLanguage = anonymous.get("/api/v1/knowledge/search?q=router&lang=xx1");
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.body()).contains("\"lang\"");
        // A valid code without its own analyzer uses the generic analysis.
        bulk(line(marker + "-fi", "Salasanan vaihto " + marker, "Vaihda salasana asetuksista.", "fi", "customers"));
        var finnish = anonymous.get("/api/v1/knowledge/search?q=" + enc("salasana " + marker) + "&lang=fi");
        assertThat(finnish.status()).isEqualTo(200);
        assertThat(finnish.json().get("hits").get(0).get("externalId").asString())
                .isEqualTo(marker + "-fi");
    }

    @Test
    void longArticlesAreSplitIntoPassagesAndTheBestOneIsTheSnippet() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            body.append("General introduction sentence number ").append(i).append(" about the product. ");
        }
        body.append("\\n\\nTo calibrate the thermostat hold both buttons for ten seconds.");
        bulk(line(marker + "-long", "Product manual " + marker, body.toString(), "en", "customers"));
        JsonNode hit = anonymous
                .get("/api/v1/knowledge/search?q=" + enc("calibrate thermostat " + marker) + "&lang=en")
                .json()
                .get("hits")
                .get(0);
        assertThat(hit.get("passageId").asString())
                .isNotEqualTo(hit.get("articleId").asString() + "#0");
        assertThat(hit.get("snippet").asString()).contains("<mark>calibrate</mark>");
    }

    @Test
    void synonymsEditedByAdminsWidenTheSearch() {
        String term = "inv" + marker;
        String word = "bill" + marker;
        // French: no embedding model, so only the words decide.
        bulk(line(marker + "-inv", "Adresse sur la " + term, "Changer l'adresse imprimée.", "fr", "customers"));
        assertThat(externalIds(anonymous, word + "&lang=fr")).doesNotContain(marker + "-inv");
        var created = admin.post(
                "/api/v1/knowledge/synonyms", "{\"language\":\"fr\",\"terms\":[\"" + term + "\",\"" + word + "\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(externalIds(anonymous, word + "&lang=fr")).first().isEqualTo(marker + "-inv");
        assertThat(admin.post("/api/v1/knowledge/synonyms", "{\"language\":\"en\",\"terms\":[\"one\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(agent.post("/api/v1/knowledge/synonyms", "{\"language\":\"en\",\"terms\":[\"a\",\"b\"]}")
                        .status())
                .isEqualTo(403);
        admin.delete("/api/v1/knowledge/synonyms/" + created.json().get("id").asString());
        assertThat(externalIds(anonymous, word + "&lang=fr")).doesNotContain(marker + "-inv");
    }

    @Test
    void suggestionsCompleteTitlesAndClicksAreCounted() {
        bulk(line(marker + "-sg", "Configure voicemail " + marker, "Voicemail settings.", "en", "customers"));
        var suggestions = anonymous.get("/api/v1/knowledge/suggestions?q=" + enc(marker + " voicem"));
        assertThat(suggestions.status()).as(suggestions.toString()).isEqualTo(200);
        assertThat(suggestions.json().get("suggestions").get(0).asString()).isEqualTo("Configure voicemail " + marker);

        JsonNode hit = anonymous
                .get("/api/v1/knowledge/search?q=" + enc("voicemail " + marker))
                .json()
                .get("hits")
                .get(0);
        String click = "{\"articleId\":\"" + hit.get("articleId").asString() + "\",\"passageId\":\""
                + hit.get("passageId").asString() + "\",\"query\":\"voicemail\"}";
        assertThat(agent.post("/api/v1/knowledge/search/clicks", click).status())
                .isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from knowledge_search_click where article_id = ?")
                        .param(hit.get("articleId").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(agent.post("/api/v1/knowledge/search/clicks", "{}").status()).isEqualTo(400);
    }

    @Test
    void theIndexIsRebuiltFromTheDatabaseOnDemand() {
        bulk(line(marker + "-rb", "Rebuild check " + marker, "Text.", "en", "customers"));
        var started = admin.post("/api/v1/knowledge/index/rebuild", "{}");
        assertThat(started.status()).as(started.toString()).isIn(202, 409);
        // The shared test database holds every article the other test classes imported (thousands, with
        // embeddings): on a loaded machine a rebuild took three minutes.
        await().atMost(Duration.ofMinutes(4))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/knowledge/index")
                                .json()
                                .get("rebuilding")
                                .asBoolean())
                        .isFalse());
        JsonNode status = admin.get("/api/v1/knowledge/index").json();
        assertThat(status.get("passages").asInt()).isGreaterThan(0);
        assertThat(externalIds(anonymous, "rebuild " + marker)).first().isEqualTo(marker + "-rb");
        assertThat(agent.post("/api/v1/knowledge/index/rebuild", "{}").status()).isEqualTo(403);
    }
}
