package org.switchboard.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.switchboard.platform.FieldProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on every API POST. The first request with a key claims it (a row with a
 * unique key per caller) before it runs; its response is stored and a replay gets the same status,
 * headers and body. The same key with another body is a 422. A concurrent duplicate waits for the
 * first to finish and then replays it, so concurrent duplicates create one record. A 5xx releases
 * the key so the client can retry; a claim left behind by a crash is taken over after a while.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final List<String> REPLAYED_HEADERS = List.of("ETag", "Location", "Content-Type");
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ProblemWriter problems;
    private final Clock clock;

    IdempotencyFilter(JdbcClient jdbc, JsonMapper json, ProblemWriter problems, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST")
                || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > 255) {
            problems.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "invalid-input",
                    HEADER + ": must be 1 to 255 characters",
                    List.of(new FieldProblem(HEADER, "must be 1 to 255 characters")));
            return;
        }
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String principal = auth == null ? "anonymous" : auth.getName();
        // Security's filters wrap the request, so look through the wrappers for the cached body.
        CachedBodyRequest cached =
                org.springframework.web.util.WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        byte[] body = cached != null ? cached.body() : new byte[0];
        String hash = hash(request.getMethod(), request.getRequestURI(), body);

        if (!claim(principal, key, hash, request)) {
            Optional<Stored> stored = awaitStored(principal, key);
            if (stored.isEmpty()) {
                problems.write(
                        response,
                        HttpStatus.CONFLICT,
                        "conflict",
                        "A request with this " + HEADER + " is still being processed",
                        List.of());
                return;
            }
            if (!stored.get().requestHash().equals(hash)) {
                problems.write(
                        response,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "idempotency-key-reused",
                        "This " + HEADER + " was used for a different request",
                        List.of(new FieldProblem(HEADER, "was used for a different request")));
                return;
            }
            replay(stored.get(), response);
            return;
        }

        var captured = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, captured);
            completed = true;
        } finally {
            if (completed && captured.getStatus() < 500) {
                store(principal, key, captured);
            } else {
                release(principal, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private boolean claim(String principal, String key, String hash, HttpServletRequest request) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into idempotency_key (principal, idem_key, request_hash, method, path, created_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(principal, key, hash, request.getMethod(), request.getRequestURI(), ts(now))
                .update();
        if (inserted == 1) {
            return true;
        }
        // A claim whose holder died (no response after a minute) may be taken over.
        return jdbc.sql("""
                        update idempotency_key set created_at = ?, request_hash = ?
                        where principal = ? and idem_key = ? and status is null and created_at < ?""")
                        .params(ts(now), hash, principal, key, ts(now.minus(ABANDONED_AFTER)))
                        .update()
                == 1;
    }

    private Optional<Stored> awaitStored(String principal, String key) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Optional<Stored> stored = jdbc.sql("""
                            select request_hash, status, response_headers, response_body
                            from idempotency_key where principal = ? and idem_key = ?""")
                    .params(principal, key)
                    .query((rs, n) -> new Stored(
                            rs.getString(1),
                            rs.getObject(2) == null ? null : rs.getInt(2),
                            rs.getString(3),
                            rs.getBytes(4)))
                    .optional();
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            if (stored.get().status() != null) {
                return stored;
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private void store(String principal, String key, ContentCachingResponseWrapper response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        jdbc.sql("""
                        update idempotency_key set status = ?, response_headers = ?::jsonb, response_body = ?
                        where principal = ? and idem_key = ?""")
                .params(
                        response.getStatus(),
                        json.writeValueAsString(headers),
                        response.getContentAsByteArray(),
                        principal,
                        key)
                .update();
    }

    private void release(String principal, String key) {
        jdbc.sql("delete from idempotency_key where principal = ? and idem_key = ? and status is null")
                .params(principal, key)
                .update();
    }

    private void replay(Stored stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        Map<String, String> headers = json.readValue(stored.headers(), new TypeReference<Map<String, String>>() {});
        headers.forEach(response::setHeader);
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    private static String hash(String method, String path, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + ' ' + path + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String requestHash, Integer status, String headers, byte[] body) {}
}
