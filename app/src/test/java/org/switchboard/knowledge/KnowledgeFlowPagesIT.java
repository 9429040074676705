package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.RealQueues;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/** The flow editor, the reports, the case-page block and a customer's self-service journey, as pages. */
@SwitchboardIntegrationTest
class KnowledgeFlowPagesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublicRateLimit rateLimit;

    TestApi anonymous;
    TestApi admin;
    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        rateLimit.clear();
        anonymous = new TestApi(port, jdbc);
        RealQueues queues = RealQueues.on(anonymous);
        admin = queues.admin();
        supervisor = anonymous.as(anonymous.createUser("supervisor"));
        queue = queues.newQueue("printers");
    }

    String publishedFlow(String audience, String name) {
        return publishedFlow(audience, name, "open_case");
    }

    /** Does the light blink? yes → the ending {@code esc} of this kind in {@link #queue}. */
    String publishedFlow(String audience, String name, String escalation) {
        var created = admin.post("/api/v1/knowledge/flows", """
                {"name": "%s", "audience": "%s", "definition": {"start": "q1", "steps": [
                  {"key": "q1", "kind": "question", "text": "Does the light blink?",
                   "options": [{"key": "yes", "label": "It blinks", "next": "esc"}, {"key": "no", "label": "It does not", "next": "fine"}]},
                  {"key": "fine", "kind": "message", "text": "Nothing to do"},
                  {"key": "esc", "kind": "%s", "text": "A technician will call", "queue": "%s"}]}}""".formatted(name, audience, escalation, queue.name()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("summary").get("id").asString();
        assertThat(admin.post("/api/v1/knowledge/flows/" + id + "/publish", null)
                        .status())
                .isEqualTo(200);
        return id;
    }

    @Test
    void theEditorListAndTreeAndTheReportRender() {
        String name = "Blinking " + UUID.randomUUID();
        String flow = publishedFlow("both", name);

        var list = admin.get("/admin/knowledge/flows");
        var editor = admin.get("/admin/knowledge/flows/" + flow);
        var report = supervisor.get("/knowledge/flows/" + flow + "/report");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(name);
        assertThat(editor.status()).as(editor.body()).isEqualTo(200);
        assertThat(editor.body()).contains("flow-tree", "Does the light blink?", "It blinks", "A technician will call");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.body()).contains("flow-steps", "Does the light blink?");
        assertThat(supervisor.get("/admin/knowledge/flows").status()).isNotEqualTo(200);
        assertThat(supervisor.get("/knowledge/gaps").status()).isEqualTo(200);
        assertThat(supervisor.get("/knowledge/proposals").status()).isEqualTo(200);
    }

    @Test
    void theCasePageBlockRunsAFlowAndShowsTheNextQuestion() {
        String name = "Agent blink " + UUID.randomUUID();
        String flow = publishedFlow("agents", name);
        var theCase = supervisor.post("/api/v1/cases", """
                {"subject": "Printer blinks", "customer": {"email": "%s@example.test"}, "queue": "%s",
                 "message": {"text": "The orange light blinks"}}""".formatted(UUID.randomUUID(), queue.name()));
        String number = theCase.json().get("number").asString();

        var page = supervisor.get("/cases/" + number);
        var block = supervisor.get("/knowledge/cases/" + number + "/assist");
        supervisor.post("/api/v1/knowledge/flows/" + flow + "/runs", "{\"caseId\": \"%s\"}".formatted(number));
        var running = supervisor.get("/knowledge/cases/" + number + "/assist");

        assertThat(page.body()).contains("id=\"knowledge-assist\"");
        assertThat(block.status()).as(block.body()).isEqualTo(200);
        assertThat(block.body()).contains(name, "assist-start");
        assertThat(running.body()).contains("assist-question", "Does the light blink?", "It blinks");
    }

    @Test
    void aCustomerWalksAFlowOnTheHelpCenterAndOpensACase() throws Exception {
        String name = "Help blink " + UUID.randomUUID();
        String flow = publishedFlow("customers", name);
        Browser browser = new Browser("http://localhost:" + port);

        var list = browser.get("/help/flows");
        assertThat(list.body()).contains(name);
        var started = browser.post("/help/flows/" + flow + "/start", token(list.body()), Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        String runPath = URI.create(started.headers().firstValue("Location").orElseThrow())
                .getPath();
        var question = browser.get(runPath);
        assertThat(question.body()).contains("Does the light blink?");
        browser.post(runPath + "/choose", token(question.body()), Map.of("step", "q1", "option", "yes"));
        var ending = browser.get(runPath);
        assertThat(ending.body()).contains("A technician will call", "contact-email");
        String email = UUID.randomUUID() + "@example.test";
        var opened =
                browser.post(runPath + "/case", token(ending.body()), Map.of("email", email, "message", "Model X200"));

        assertThat(opened.statusCode()).isEqualTo(200);
        Matcher number = Pattern.compile("SB-\\d+").matcher(opened.body());
        assertThat(number.find()).as(opened.body()).isTrue();
        String text = supervisor
                .get("/api/v1/cases/" + number.group() + "/messages")
                .json()
                .get("items")
                .get(0)
                .get("text")
                .asString();
        assertThat(text).contains("Model X200", "Does the light blink?", "It blinks");
    }

    @Test
    void aCustomerAsksTheHelpCenterForACallbackAtATimeInTheirOwnZone() throws Exception {
        String flow = publishedFlow("customers", "Help callback " + UUID.randomUUID(), "callback");
        Browser browser = new Browser("http://localhost:" + port);
        var list = browser.get("/help/flows");
        String runPath = URI.create(browser.post("/help/flows/" + flow + "/start", token(list.body()), Map.of())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .getPath();
        var question = browser.get(runPath);
        browser.post(runPath + "/choose", token(question.body()), Map.of("step", "q1", "option", "yes"));
        var ending = browser.get(runPath);
        assertThat(ending.body()).contains("contact-phone", "contact-at", "name=\"zone\"");

        // The form sends a datetime-local value; the page's script adds the browser's time zone.
        LocalDateTime local = LocalDate.now().plusDays(2).atTime(9, 30);
        var opened = browser.post(
                runPath + "/case",
                token(ending.body()),
                Map.of(
                        "email",
                        UUID.randomUUID() + "@example.test",
                        "phone",
                        "+33 1 23 45 67 89",
                        "at",
                        local.toString(),
                        "zone",
                        "Europe/Paris"));

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(Pattern.compile("SB-\\d+").matcher(opened.body()).find())
                .as(opened.body())
                .isTrue();
        JsonNode[] line = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            line[0] = supervisor
                    .get("/api/v1/queues/" + queue.id() + "/work-items")
                    .json();
            return line[0].size() == 1;
        });
        assertThat(line[0].get(0).get("kind").asString()).isEqualTo("callback");
        assertThat(Instant.parse(line[0].get(0).get("notBefore").asString()))
                .isEqualTo(local.atZone(ZoneId.of("Europe/Paris")).toInstant());
    }

    @Test
    void anAdminBuildsAFlowInTheEditorAndPublishesIt() throws Exception {
        TestApi.TestUser adminUser = anonymous.createUser("admin");
        Browser browser = new Browser("http://localhost:" + port);
        var login = browser.get("/login");
        var signedIn = browser.post(
                "/login", token(login.body()), Map.of("username", adminUser.username(), "password", TestApi.PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);

        var list = browser.get("/admin/knowledge/flows");
        String name = "Editor flow " + UUID.randomUUID();
        var created =
                browser.post("/admin/knowledge/flows", token(list.body()), Map.of("name", name, "audience", "both"));
        assertThat(created.statusCode()).isEqualTo(302);
        String editor = URI.create(created.headers().firstValue("Location").orElseThrow())
                .getPath();
        String flow = editor.substring(editor.lastIndexOf('/') + 1);

        var page = browser.get(editor);
        page = browser.post(
                editor + "/steps",
                token(page.body()),
                Map.of("key", "q1", "kind", "question", "text", "Is it plugged in?", "version", version(flow)));
        page = browser.post(
                editor + "/steps",
                token(page.body()),
                Map.of("key", "end", "kind", "message", "text", "Plug it in", "version", version(flow)));
        assertThat(page.body()).contains("steps[0].options");
        page = browser.post(
                editor + "/steps/q1",
                token(page.body()),
                Map.of(
                        "kind",
                        "question",
                        "text",
                        "Is it plugged in?",
                        "label0",
                        "No",
                        "next0",
                        "end",
                        "version",
                        version(flow)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("flow-problems");
        var published = browser.post(editor + "/publish", token(page.body()), Map.of());

        assertThat(published.statusCode()).isEqualTo(200);
        JsonNode view = admin.get("/api/v1/knowledge/flows/" + flow).json();
        assertThat(view.get("summary").get("publishedVersion").asInt()).isEqualTo(1);
        assertThat(view.get("draft").get("start").asString()).isEqualTo("q1");
        assertThat(view.get("draft")
                        .get("steps")
                        .get(0)
                        .get("options")
                        .get(0)
                        .get("next")
                        .asString())
                .isEqualTo("end");
    }

    private String version(String flow) {
        return admin.get("/api/v1/knowledge/flows/" + flow)
                .json()
                .get("summary")
                .get("version")
                .asString();
    }

    private static String token(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
        return matcher.group(1);
    }

    /** A cookie-keeping client, as an anonymous browser on the help center. */
    private record Browser(String base, HttpClient http) {
        Browser(String base) {
            this(
                    base,
                    HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String csrf, Map<String, String> fields)
                throws IOException, InterruptedException {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            String body = all.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
