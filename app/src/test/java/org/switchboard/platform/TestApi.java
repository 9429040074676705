package org.switchboard.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for integration tests: talks to the running application over real HTTP as a
 * given user (HTTP Basic), and creates users directly so every test starts from its own data.
 */
public final class TestApi {

    public static final String PASSWORD = "correct-horse-battery";
    private static final String PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final JdbcClient jdbc;
    private final String authorization;

    public TestApi(int port, JdbcClient jdbc) {
        this("http://localhost:" + port, jdbc, null);
    }

    private TestApi(String base, JdbcClient jdbc, String authorization) {
        this.base = base;
        this.jdbc = jdbc;
        this.authorization = authorization;
    }

    /** A new active user with this role ({@code agent}, {@code supervisor}, {@code admin}). */
    public TestUser createUser(String role) {
        UUID id = UUID.randomUUID();
        String username = role + "-" + id.toString().substring(0, 8);
        jdbc.sql("""
                        insert into app_user (id, username, email, display_name, password_hash, role, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        username,
                        username + "@example.test",
                        "Test " + username,
                        PASSWORD_HASH,
                        role,
                        Timestamp.from(Instant.now()))
                .update();
        return new TestUser(id.toString(), username);
    }

    /** This client acting as {@code user} with HTTP Basic. */
    public TestApi as(TestUser user) {
        String credentials = user.username() + ":" + PASSWORD;
        return withAuthorization(
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** This client with an explicit Authorization header (e.g. {@code Bearer ...}). */
    public TestApi withAuthorization(String header) {
        return new TestApi(base, jdbc, header);
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    public Response patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends a request; {@code headers} are name, value pairs. */
    public Response send(String method, String path, String json, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    public Response send(HttpRequest request) {
        try {
            return new Response(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return base;
    }

    public record TestUser(String id, String username) {}

    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
