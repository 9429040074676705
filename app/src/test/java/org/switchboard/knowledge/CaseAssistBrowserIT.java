package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.Customers;
import org.switchboard.desk.Browser;
import org.switchboard.desk.CasePage;
import org.switchboard.desk.LoginPage;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;
import org.switchboard.platform.ThreadDump;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge block of the case page in a real headless Chromium, with the real search index: the
 * article suggested for the customer's message is inserted with one click into the reply box in the
 * customer's language, and the case shows it as used.
 */
@SwitchboardIntegrationTest
class CaseAssistBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Indexing is asynchronous and the first English article of a JVM loads the embedding model, which
     * on a loaded machine may take longer than {@link #WAIT}. The near-real-time delay itself is
     * measured by the benchmark, not here. (Earlier timeouts here were the query's marker word read as
     * Dutch by language detection; LanguageDetectorTest covers that now.)
     */
    private static final Duration INDEXED = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Articles articles;

    @Autowired
    Cases cases;

    @Autowired
    Customers customers;

    TestApi anonymous;
    TestApi admin;
    String base;

    @BeforeEach
    void setUp() {
        Browser.assumeInstalled();
        anonymous = new TestApi(port, jdbc);
        admin = anonymous.as(anonymous.createUser("admin"));
        base = "http://localhost:" + port;
    }

    @Test
    void oneClickInsertsTheCustomersTranslationIntoTheReplyAndLinksItToTheCase() {
        RealQueues queues = RealQueues.on(anonymous);
        TeamId team = queues.newTeam("Assist");
        TestUser agent = anonymous.createUser("agent");
        queues.addMember(team, agent.id());
        QueueRef queue = queues.newQueue("assist", team);

        // An English article and its published French translation; the customer prefers French.
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        ArticleId source = articles.importArticle(
                        new ImportedArticle(
                                "assist-" + word,
                                "Restart the " + word + " router",
                                "Hold the reset button of the " + word + " router for ten seconds.",
                                Language.of("en"),
                                Audience.CUSTOMERS,
                                List.of()),
                        null)
                .id();
        var translation = admin.post(
                "/api/v1/knowledge/articles/" + source + "/translations",
                "{\"title\": \"Redémarrer le routeur\", \"body\": \"Maintenez le bouton de réinitialisation dix secondes.\","
                        + " \"language\": \"fr\"}");
        assertThat(translation.status()).as(translation.toString()).isEqualTo(201);
        String french = translation.json().get("id").asString();
        for (String status : List.of("in_review", "published")) {
            var changed = admin.post(
                    "/api/v1/knowledge/articles/" + french + "/status", "{\"status\": \"%s\"}".formatted(status));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        }
        var customer = customers.create(
                new CustomerDetails("Camille Durand", null, null, "fr", null, null, List.of(), null),
                List.of(ChannelIdentity.email(word + "@example.test")));
        CaseView theCase = cases.open(
                new OpenCase(
                        "Internet drops",
                        customer.id(),
                        queue.id(),
                        Priority.NORMAL,
                        Channel.EMAIL,
                        MessageDraft.text("My " + word + " router keeps dropping the connection"),
                        null,
                        null),
                null);
        // Published articles are searchable after the index's near-real-time refresh.
        String search = "/api/v1/knowledge/search?q=" + word + "&audience=customers";
        try {
            Awaitility.await()
                    .atMost(INDEXED)
                    .until(() -> admin.get(search).body().contains(source.toString()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "article " + source + " not searchable after " + INDEXED + "; the search answers "
                            + admin.get(search) + "; " + ThreadDump.write("case-assist") + "; listener threads:"
                            + ThreadDump.stacksOf("event-listener-", "knowledge-indexing-"),
                    e);
        }

        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            CasePage page = LoginPage.open(driver, base)
                    .signIn(agent.username(), TestApi.PASSWORD)
                    .openCase(theCase.number());
            page.markDocument();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            WebElement suggestion = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//ul[@id='assist-suggestions']/li[contains(., 'Restart the " + word + " router')]")));
            assertThat(driver.findElement(By.id("composer-text")).getDomProperty("value"))
                    .isEmpty();

            suggestion.findElement(By.cssSelector("button.assist-insert")).click();

            wait.until(d -> d.findElement(By.id("composer-text"))
                    .getDomProperty("value")
                    .contains("Redémarrer le routeur"));
            String reply = driver.findElement(By.id("composer-text")).getDomProperty("value");
            assertThat(reply)
                    .contains("Maintenez le bouton de réinitialisation dix secondes.")
                    .doesNotContain("Hold the reset button");
            // The block refreshes itself: the case lists the article as used, in the language inserted.
            page.waitForText(By.id("assist-linked"), "Redémarrer le routeur");
            assertThat(driver.findElement(By.id("knowledge-assist")).getText())
                    .contains("Restart the " + word + " router"); // still suggested
            assertThat(page.sameDocument()).as("inserted without a reload").isTrue();
        }

        JsonNode linked = admin.get("/api/v1/knowledge/cases/" + theCase.number() + "/articles")
                .json()
                .get("items");
        assertThat(linked.size()).isEqualTo(1);
        assertThat(linked.get(0).get("articleId").asString()).isEqualTo(source.toString());
        assertThat(linked.get(0).get("language").asString()).isEqualTo("fr");
        assertThat(admin.get("/api/v1/knowledge/articles/" + source + "/insights")
                        .json()
                        .get("uses")
                        .asLong())
                .isEqualTo(1);
    }
}
