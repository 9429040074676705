package org.switchboard.platform;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;

/**
 * The API's error conventions (RFC 9457 problem details with an {@code errors} array naming fields), for
 * answers given outside a controller as well — a servlet filter, a reply on a WebSocket — so every
 * transport reports the same failure with the same status and type.
 */
public final class Problems {

    /** Base of the {@code type} URI of every problem. */
    public static final String TYPE_BASE = "https://switchboard.dev/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String type, String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("errors", problems);
        return problem;
    }

    /**
     * The problem of a refusal the domain expresses by exception (not found, invalid input, conflict, rule
     * violation, stale version, access denied); empty for anything else, which is a fault of ours.
     */
    public static Optional<ProblemDetail> ofRefusal(RuntimeException e) {
        return Optional.ofNullable(
                switch (e) {
                    case NotFoundException n -> of(HttpStatus.NOT_FOUND, "not-found", n.getMessage(), List.of());
                    case InvalidInputException i ->
                        of(HttpStatus.BAD_REQUEST, "invalid-input", i.getMessage(), i.problems());
                    case ConflictException c -> of(HttpStatus.CONFLICT, "conflict", c.getMessage(), List.of());
                    case RuleViolationException r ->
                        of(HttpStatus.UNPROCESSABLE_CONTENT, "rule-violation", r.getMessage(), List.of());
                    case StaleVersionException s ->
                        of(HttpStatus.PRECONDITION_FAILED, "stale-version", s.getMessage(), List.of());
                    case AccessDeniedException a ->
                        of(HttpStatus.FORBIDDEN, "forbidden", "You may not do this", List.of());
                    default -> null;
                });
    }
}
