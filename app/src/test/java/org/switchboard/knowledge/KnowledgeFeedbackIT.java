package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class KnowledgeFeedbackIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublicRateLimit rateLimit;

    @Autowired
    Articles articles;

    TestApi anonymous;
    TestApi admin;
    TestApi agent;
    TestApi.TestUser adminUser;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        rateLimit.clear();
        anonymous = new TestApi(port, jdbc);
        adminUser = anonymous.createUser("admin");
        admin = anonymous.as(adminUser);
        agent = anonymous.as(anonymous.createUser("supervisor"));
        queue = RealQueues.on(anonymous).newQueue("support");
    }

    ArticleId published(String title, String body, String language, Audience audience) {
        return articles.importArticle(
                        new ImportedArticle(
                                "kf-" + UUID.randomUUID(), title, body, Language.of(language), audience, List.of()),
                        null)
                .id();
    }

    JsonNode newCase(String email) {
        var response = agent.post("/api/v1/cases", """
                {"subject": "Cannot log in", "customer": {"email": "%s"}, "queue": "%s",
                 "message": {"text": "I forgot my password"}}""".formatted(email, queue.name()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    @Test
    void customersAndAgentsRateArticlesAndTheInsightsCountThem() {
        ArticleId article = published("Reset your password", "Use the reset link.", "en", Audience.CUSTOMERS);

        var yes = anonymous.post(
                "/api/v1/help/feedback", "{\"articleId\": \"%s\", \"helpful\": true}".formatted(article));
        var no = anonymous.post(
                "/api/v1/help/feedback",
                "{\"articleId\": \"%s\", \"helpful\": false, \"comment\": \"The link expired\", \"query\": \"reset link expired\"}"
                        .formatted(article));
        var byAgent = agent.post(
                "/api/v1/knowledge/feedback", "{\"articleId\": \"%s\", \"helpful\": true}".formatted(article));

        assertThat(yes.status()).as(yes.toString()).isEqualTo(204);
        assertThat(no.status()).isEqualTo(204);
        assertThat(byAgent.status()).isEqualTo(204);
        JsonNode insights =
                agent.get("/api/v1/knowledge/articles/" + article + "/insights").json();
        assertThat(insights.get("helpful").asLong()).isEqualTo(2);
        assertThat(insights.get("notHelpful").asLong()).isEqualTo(1);
        assertThat(insights.get("recentComments").get(0).get("text").asString()).isEqualTo("The link expired");
        assertThat(insights.get("recentComments").get(0).get("source").asString())
                .isEqualTo("customer");
    }

    @Test
    void customersCannotRateInternalArticlesAndBadInputNamesTheField() {
        ArticleId internal = published("Escalation matrix", "Call the duty manager.", "en", Audience.AGENTS);

        var hidden = anonymous.post(
                "/api/v1/help/feedback", "{\"articleId\": \"%s\", \"helpful\": true}".formatted(internal));
        var missing = anonymous.post("/api/v1/help/feedback", "{\"articleId\": \"%s\"}".formatted(internal));
        var notAnId = anonymous.post("/api/v1/help/feedback", "{\"articleId\": \"nope\", \"helpful\": true}");

        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.json().get("errors").get(0).get("field").asString()).isEqualTo("articleId");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("helpful");
        assertThat(notAnId.status()).isEqualTo(400);
    }

    @Test
    void theGapsReportGroupsUnhelpfulSearchesByNormalizedQuery() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 6);
        anonymous.post(
                "/api/v1/help/search-feedback",
                "{\"query\": \"Refund %s?\", \"outcome\": \"zero_hits\", \"language\": \"en\"}".formatted(word));
        anonymous.post(
                "/api/v1/help/search-feedback",
                "{\"query\": \"refund   %s\", \"outcome\": \"no_click\"}".formatted(word.toUpperCase()));
        var bad = anonymous.post("/api/v1/help/search-feedback", "{\"query\": \"x\", \"outcome\": \"meh\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("outcome");
        JsonNode items = agent.get("/api/v1/knowledge/gaps?limit=500").json().get("items");
        JsonNode group = null;
        for (JsonNode item : items) {
            if (item.get("query").asString().equals("refund " + word)) {
                group = item;
            }
        }
        assertThat(group).as(items.toString()).isNotNull();
        assertThat(group.get("count").asLong()).isEqualTo(2);
        assertThat(group.get("zeroHits").asLong()).isEqualTo(1);
        assertThat(group.get("noClick").asLong()).isEqualTo(1);
    }

    @Test
    void theRateLimitAnswers429AfterTooManyRequestsFromOneClient() {
        int status = 0;
        for (int i = 0; i < 40 && status != 429; i++) {
            status = anonymous
                    .post("/api/v1/help/search-feedback", "{\"query\": \"limit test\", \"outcome\": \"no_click\"}")
                    .status();
        }
        assertThat(status).isEqualTo(429);
        rateLimit.clear();
    }

    @Test
    void aNewArticleProposalIsADraftInReviewThatAnEditorPublishes() {
        JsonNode theCase = newCase(UUID.randomUUID() + "@example.test");

        var proposed = agent.post("/api/v1/knowledge/proposals", """
                {"kind": "new", "caseId": "%s", "title": "Password reset link expired", "language": "en",
                 "body": "Ask for a new link; links last one hour."}""".formatted(
                        theCase.get("number").asString()));

        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        ArticleId draft = ArticleId.parse(proposed.json().get("articleId").asString());
        assertThat(articles.find(draft).orElseThrow().status()).isEqualTo(ArticleStatus.IN_REVIEW);
        assertThat(agent.get("/api/v1/knowledge/proposals?status=open").body())
                .contains(proposed.json().get("id").asString());

        var decided = admin.post(
                "/api/v1/knowledge/proposals/" + proposed.json().get("id").asString() + "/decision",
                "{\"decision\": \"accept\"}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("accepted");
        assertThat(articles.find(draft).orElseThrow().status()).isEqualTo(ArticleStatus.PUBLISHED);

        var again = admin.post(
                "/api/v1/knowledge/proposals/" + proposed.json().get("id").asString() + "/decision",
                "{\"decision\": \"reject\"}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void anEditProposalChangesTheArticleOnlyWhenAnEditorAcceptsIt() {
        ArticleId article = published("Opening hours", "We open at 9.", "en", Audience.CUSTOMERS);

        var proposed = agent.post(
                "/api/v1/knowledge/proposals",
                "{\"kind\": \"edit\", \"articleId\": \"%s\", \"title\": \"Opening hours\", \"body\": \"We open at 8.\"}"
                        .formatted(article));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(articles.find(article).orElseThrow().body()).isEqualTo("We open at 9.");

        var byAgent = agent.post(
                "/api/v1/knowledge/proposals/" + proposed.json().get("id").asString() + "/decision",
                "{\"decision\": \"accept\"}");
        assertThat(byAgent.status()).isEqualTo(403);

        admin.post(
                "/api/v1/knowledge/proposals/" + proposed.json().get("id").asString() + "/decision",
                "{\"decision\": \"accept\"}");
        assertThat(articles.find(article).orElseThrow().body()).isEqualTo("We open at 8.");
    }

    @Test
    void theCaseSuggestsTheSearchsBestArticleForTheLatestCustomerMessage() {
        // letters only (digits of the random hex mapped to g-p), always six of them
        String word = "routerx"
                + UUID.randomUUID()
                        .toString()
                        .replace("-", "")
                        .substring(0, 6)
                        .chars()
                        .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        published(
                "Restart your " + word,
                "Unplug the " + word + " for thirty seconds, then plug it back in.",
                "en",
                Audience.CUSTOMERS);
        var opened = agent.post("/api/v1/cases", """
                {"subject": "Connection drops", "customer": {"email": "%s@example.test"}, "queue": "%s",
                 "message": {"text": "My %s keeps dropping the connection, how do I restart it?"}}""".formatted(UUID.randomUUID(), queue.name(), word));
        String number = opened.json().get("number").asString();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(agent.get("/api/v1/knowledge/cases/" + number + "/suggestions")
                                .body())
                        .contains("Restart your " + word));
    }

    @Test
    void insertingAnArticleUsesTheCustomersLanguageAndLinksItToTheCase() {
        ArticleId english = published("Reset your password", "Use the reset link.", "en", Audience.CUSTOMERS);
        Actor editor = new Actor(UserId.parse(adminUser.id()), adminUser.username(), "Admin", Role.ADMIN, Set.of());
        ArticleView french = articles.create(
                new ArticleDraft(
                        "Réinitialiser le mot de passe",
                        "Utilisez le lien de réinitialisation.",
                        null,
                        Language.of("fr"),
                        Audience.CUSTOMERS,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null,
                        english,
                        null),
                editor);
        articles.changeStatus(french.id(), ArticleStatus.PUBLISHED, null, editor);
        String email = UUID.randomUUID() + "@example.test";
        JsonNode theCase = newCase(email);
        jdbc.sql("update customer set preferred_language = 'fr' where id = ?")
                .param(UUID.fromString(theCase.get("customer").get("id").asString()))
                .update();

        var inserted = agent.post(
                "/api/v1/knowledge/cases/" + theCase.get("number").asString() + "/articles",
                "{\"articleId\": \"%s\"}".formatted(english));

        assertThat(inserted.status()).as(inserted.toString()).isEqualTo(201);
        assertThat(inserted.json().get("language").asString()).isEqualTo("fr");
        assertThat(inserted.json().get("insertedArticleId").asString())
                .isEqualTo(french.id().toString());
        assertThat(inserted.json().get("text").asString()).contains("Utilisez le lien");
        JsonNode linked = agent.get(
                        "/api/v1/knowledge/cases/" + theCase.get("id").asString() + "/articles")
                .json();
        assertThat(linked.get("items").size()).isEqualTo(1);
        JsonNode insights =
                agent.get("/api/v1/knowledge/articles/" + english + "/insights").json();
        assertThat(insights.get("uses").asLong()).isEqualTo(1);
        assertThat(insights.get("cases").asLong()).isEqualTo(1);
    }
}
