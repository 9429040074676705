package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Suggestions on a case follow its latest customer message. The search index is a port; this test puts a
 * keyword index behind it, so what is checked is the case side: which message is the query, how hits
 * reach the page, and that a message without hits is logged as a gap once.
 */
@SwitchboardIntegrationTest
class CaseSuggestionsIT {

    /** Answers a query with the articles whose keyword it contains; remembers every query. */
    static final class KeywordSearch implements KnowledgeSearch {
        final Map<String, KnowledgeHit> byKeyword = new ConcurrentHashMap<>();
        final List<String> queries = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<KnowledgeHit> search(KnowledgeQuery query) {
            queries.add(query.text());
            String text = query.text().toLowerCase(Locale.ROOT);
            return byKeyword.entrySet().stream()
                    .filter(e -> text.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        @Override
        public List<String> suggestions(
                String prefix, @Nullable String language, KnowledgeQuery.Audiences audiences, int limit) {
            return List.of();
        }

        @Override
        public void recordClick(String articleId, @Nullable String passageId, @Nullable String query) {}
    }

    @TestConfiguration
    static class Search {
        @Bean
        @Primary
        KeywordSearch keywordSearch() {
            return new KeywordSearch();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeywordSearch search;

    @Autowired
    Articles articles;

    @Autowired
    Cases cases;

    TestApi agent;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        TestApi anonymous = new TestApi(port, jdbc);
        agent = anonymous.as(anonymous.createUser("supervisor"));
        queue = RealQueues.on(anonymous).newQueue("suggest");
    }

    String article(String keyword, String title) {
        ArticleId id = articles.importArticle(
                        new ImportedArticle(
                                "sg-" + UUID.randomUUID(),
                                title,
                                "Body of " + title,
                                Language.of("en"),
                                Audience.CUSTOMERS,
                                List.of()),
                        null)
                .id();
        search.byKeyword.put(keyword, new KnowledgeHit(id.toString(), null, "en", title, "…", id + ":0", 1.0));
        return id.toString();
    }

    @Test
    void suggestionsFollowTheLatestCustomerMessageAndInsertLinksTheArticle() {
        String word = "kw" + UUID.randomUUID().toString().substring(0, 8);
        String other = "kw" + UUID.randomUUID().toString().substring(0, 8);
        String first = article(word, "Article about " + word);
        String second = article(other, "Article about " + other);
        var opened = agent.post("/api/v1/cases", """
                {"subject": "Help", "customer": {"email": "%s@example.test"}, "queue": "%s",
                 "message": {"text": "Question on %s please"}}""".formatted(UUID.randomUUID(), queue.name(), word));
        String number = opened.json().get("number").asString();

        JsonNode before =
                agent.get("/api/v1/knowledge/cases/" + number + "/suggestions").json();
        // An agent's note does not move the suggestions; a new customer message does.
        agent.post("/api/v1/cases/" + number + "/notes", "{\"text\": \"Internal: maybe %s\"}".formatted(other));
        JsonNode afterNote =
                agent.get("/api/v1/knowledge/cases/" + number + "/suggestions").json();
        cases.receiveCustomerMessage(
                CaseId.parse(opened.json().get("id").asString()),
                Channel.EMAIL,
                MessageDraft.text("Now it is about " + other));
        JsonNode afterReply =
                agent.get("/api/v1/knowledge/cases/" + number + "/suggestions").json();

        assertThat(before.get("items").get(0).get("articleId").asString()).isEqualTo(first);
        assertThat(afterNote.get("items").get(0).get("articleId").asString()).isEqualTo(first);
        assertThat(afterReply.get("items").get(0).get("articleId").asString()).isEqualTo(second);
        assertThat(search.queries).contains("Question on " + word + " please", "Now it is about " + other);

        var block = agent.get("/knowledge/cases/" + number + "/assist");
        assertThat(block.body()).contains("Article about " + other, "assist-insert");

        var inserted = agent.post(
                "/api/v1/knowledge/cases/" + number + "/articles", "{\"articleId\": \"%s\"}".formatted(first));
        var linked = agent.get("/api/v1/knowledge/cases/" + number + "/articles")
                .json()
                .get("items");
        assertThat(inserted.status()).as(inserted.toString()).isEqualTo(201);
        assertThat(inserted.json().get("text").asString()).contains("Body of Article about " + word);
        assertThat(linked.get(0).get("articleId").asString()).isEqualTo(first);
        assertThat(agent.get("/api/v1/knowledge/articles/" + first + "/insights")
                        .json()
                        .get("uses")
                        .asLong())
                .isEqualTo(1);
        assertThat(agent.get("/api/v1/knowledge/articles/" + second + "/insights")
                        .json()
                        .get("uses")
                        .asLong())
                .isZero();
    }

    @Test
    void aCustomerMessageWithoutHitsIsLoggedAsAGapOnce() {
        String word = "nohit" + UUID.randomUUID().toString().substring(0, 8);
        var opened = agent.post("/api/v1/cases", """
                {"subject": "Odd", "customer": {"email": "%s@example.test"}, "queue": "%s",
                 "message": {"text": "Where is my %s?"}}""".formatted(UUID.randomUUID(), queue.name(), word));
        String number = opened.json().get("number").asString();

        agent.get("/api/v1/knowledge/cases/" + number + "/suggestions");
        agent.get("/knowledge/cases/" + number + "/assist");

        JsonNode group = null;
        for (JsonNode item :
                agent.get("/api/v1/knowledge/gaps?limit=500").json().get("items")) {
            if (item.get("query").asString().equals("where is my " + word)) {
                group = item;
            }
        }
        assertThat(group).isNotNull();
        assertThat(group.get("count").asLong()).isEqualTo(1);
        assertThat(group.get("zeroHits").asLong()).isEqualTo(1);
    }
}
