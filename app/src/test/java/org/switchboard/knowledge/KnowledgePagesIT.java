package org.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** The authoring and help-center pages over real HTTP, as a browser session with CSRF tokens. */
@SwitchboardIntegrationTest
@Import(ArticleApiIT.Events.class) // the same context as ArticleApiIT, started once
class KnowledgePagesIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port, jdbc);
    }

    /** A cookie session signed in with Basic credentials; forms are posted with the page's CSRF token. */
    final class Session {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        final String authorization;

        Session(TestApi.TestUser user) {
            authorization = "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (user.username() + ":" + TestApi.PASSWORD).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", authorization)
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String page, String path, Map<String, String> form) throws Exception {
            var matcher = CSRF.matcher(get(page).body());
            assertThat(matcher.find()).as("CSRF token on " + page).isTrue();
            var fields = new LinkedHashMap<>(form);
            fields.put("_csrf", matcher.group(1));
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anAgentWritesADraftInTheEditorAndFindsItInTheListHistoryAndTranslations() throws Exception {
        var agent = new Session(api.createUser("agent"));
        String title = "Toner low " + System.nanoTime();

        var created = agent.post(
                "/knowledge/articles/new",
                "/knowledge/articles",
                Map.of(
                        "title",
                        title,
                        "body",
                        "## Replace\n\nOpen the lid.",
                        "language",
                        "en",
                        "audience",
                        "customers",
                        "tags",
                        "printer, toner",
                        "reviewBy",
                        "2020-01-01"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = URI.create(location).getPath();
        assertThat(path).startsWith("/knowledge/articles/");

        var editor = agent.get(path);
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body()).contains(title).contains("Open the lid.").contains("printer, toner");

        var preview = agent.post(path, "/knowledge/preview", Map.of("body", "**bold**<script>x()</script>"));
        assertThat(preview.body()).contains("<strong>bold</strong>").doesNotContain("<script");

        var invalid = agent.post(
                path, path, Map.of("title", "", "body", "x", "language", "english", "audience", "customers"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("aria-invalid=\"true\"");

        var saved = agent.post(
                path,
                path,
                Map.of(
                        "title",
                        title,
                        "body",
                        "## Replace\n\nOpen the front lid.",
                        "language",
                        "en",
                        "audience",
                        "customers",
                        "reviewBy",
                        "2020-01-01",
                        "version",
                        "0"));
        assertThat(saved.statusCode()).isEqualTo(302);

        assertThat(agent.get("/knowledge?status=draft&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8))
                        .body())
                .contains(title);
        assertThat(agent.get("/knowledge?due=on&q=" + URLEncoder.encode(title, StandardCharsets.UTF_8))
                        .body())
                .contains(title);
        var history = agent.get(path + "/history");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body())
                .contains("<mark class=\"kb-w-added\">front </mark>")
                .contains("lid.");
        assertThat(agent.get(path + "/translations").body()).contains(title);
        assertThat(agent.get("/knowledge/review").statusCode()).isEqualTo(200);
        assertThat(agent.get("/knowledge/import").body()).contains("webkitdirectory");
    }

    @Test
    void onlyAdminsManageEditorsAndTheHelpCenterIsPublicWithASearchBox() throws Exception {
        var agent = new Session(api.createUser("agent"));
        var admin = new Session(api.createUser("admin"));
        assertThat(agent.get("/admin/knowledge/editors").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/knowledge/editors").statusCode()).isEqualTo(200);

        String category = "Printers " + System.nanoTime();
        var added = admin.post("/knowledge/categories", "/knowledge/categories", Map.of("name", category));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(admin.get("/knowledge/categories").body()).contains(category);
        var refused = agent.post("/knowledge/categories", "/knowledge/categories", Map.of("name", "Not mine"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(agent.get("/knowledge/categories").body()).doesNotContain("Not mine");
        assertThat(agent.get("/knowledge/articles/0190f000-0000-7000-8000-000000000000")
                        .statusCode())
                .isEqualTo(404);

        var help = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/help"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(help.body()).contains("id=\"help-search\"").contains("data-audience=\"customers\"");
        var script = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/help/help.js"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/api/v1/knowledge/search?");
    }
}
