package org.switchboard.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's answer to a request without valid credentials: 401 with a {@code WWW-Authenticate}
 * challenge, or 429 with {@code Retry-After} while the login rate limit locks the account or
 * address; both with an RFC 9457 problem body.
 */
class AuthenticationProblems implements AuthenticationEntryPoint {

    private final JsonMapper json;

    AuthenticationProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginLockedException locked) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds()));
            write(
                    response,
                    429,
                    "too-many-login-failures",
                    "Too Many Requests",
                    "Too many failed logins for this account or address; try again in " + locked.retryAfterSeconds()
                            + " seconds");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        write(
                response,
                401,
                "unauthenticated",
                "Unauthorized",
                "Sign in with an API token (Authorization: Bearer) or HTTP Basic credentials");
    }

    void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "https://switchboard.dev/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("errors", List.of());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
