package org.switchboard.identity.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A browser-like client for page tests: keeps cookies (the session), does not follow redirects, and
 * sends forms with the CSRF token found on the page it last loaded.
 */
final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private String csrf;

    BrowserSession(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path) {
        var response =
                send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        var matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    /** Posts a form ({@code fields} are name, value pairs) with the last page's CSRF token. */
    HttpResponse<String> post(String path, String... fields) {
        String body = IntStream.iterate(0, i -> i + 1 < fields.length, i -> i + 2)
                .mapToObj(i -> encode(fields[i]) + "=" + encode(fields[i + 1]))
                .collect(Collectors.joining("&"));
        if (csrf != null) {
            body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(csrf);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Signs in through the login form; returns the answer (a redirect). */
    HttpResponse<String> login(String username, String password) {
        get("/login");
        return post("/login", "username", username, "password", password);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
