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
import org.switchboard.platform.TestApi;

/**
 * The pages as a browser sees them over HTTP: signed in through the login form (session cookie, CSRF),
 * redirects not followed, forms posted with the CSRF token of a page.
 */
final class SignedInPages {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    private SignedInPages(int port) {
        this.base = "http://localhost:" + port;
    }

    static SignedInPages signIn(int port, TestApi.TestUser user) throws Exception {
        SignedInPages pages = new SignedInPages(port);
        String login = pages.get("/login").body();
        var signedIn =
                pages.post("/login", csrf(login), "username=" + user.username() + "&password=" + enc(TestApi.PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return pages;
    }

    /** Chooses the user's language on their own page, as they would. */
    void language(String locale) throws Exception {
        var saved = post("/me", csrf(get("/me").body()), "locale=" + locale + "&timeZone=UTC");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    }

    HttpClient client() {
        return http;
    }

    String base() {
        return base;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the url-encoded {@code form} with the token in the form and in the header, as htmx does. */
    HttpResponse<String> post(String path, String csrf, String form) throws Exception {
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf);
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token").isTrue();
        return m.group(1);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
