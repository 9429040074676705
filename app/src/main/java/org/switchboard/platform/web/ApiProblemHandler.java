package org.switchboard.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Problems;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * The API's errors as RFC 9457 problem details. Bad input is a 4xx naming the field in an
 * {@code errors} array of {@code {"field", "message"}}; only a fault of ours is a 500.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /** The domain's refusals (not found, invalid input, conflict, rule, stale version, forbidden). */
    @ExceptionHandler({
        NotFoundException.class,
        InvalidInputException.class,
        ConflictException.class,
        RuleViolationException.class,
        StaleVersionException.class,
        AccessDeniedException.class
    })
    ProblemDetail refused(RuntimeException e) {
        return Problems.ofRefusal(e).orElseThrow();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String field = e.getName();
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid-input",
                field + ": invalid value",
                List.of(new FieldProblem(field, "invalid value '" + e.getValue() + "'")));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "The upload is too large", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validation(ex.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> problems.add(new FieldProblem(name, error.getDefaultMessage())));
        });
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-input", summary(problems), problems));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var problems = List.of(new FieldProblem(ex.getParameterName(), "is required"));
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-input", summary(problems), problems));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(
            MissingServletRequestPartException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problems = List.of(new FieldProblem(ex.getRequestPartName(), "is required"));
        return ResponseEntity.badRequest()
                .body(problem(HttpStatus.BAD_REQUEST, "invalid-input", summary(problems), problems));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        var problems = List.of(new FieldProblem(e.getHeaderName(), "header is required"));
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", summary(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String detail = "The request body is not valid JSON";
        Throwable cause = ex.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = path(databind);
            problems.add(new FieldProblem(field, "invalid value"));
            detail = field + ": invalid value";
        } else if (cause instanceof JacksonException jackson) {
            detail = "The request body is not valid JSON: " + jackson.getOriginalMessage();
        } else if (cause == null && ex.getMessage() != null && ex.getMessage().contains("body is missing")) {
            detail = "A request body is required";
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed", detail, problems));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "An unexpected error occurred; it has been logged",
                        List.of()));
    }

    private static String path(DatabindException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static ProblemDetail validation(BindingResult result) {
        List<FieldProblem> problems = new ArrayList<>();
        result.getFieldErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
        result.getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", summary(problems), problems);
    }

    private static String summary(List<FieldProblem> problems) {
        return problems.isEmpty()
                ? "Invalid input"
                : problems.getFirst().field() + ": " + problems.getFirst().message();
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail, List<FieldProblem> problems) {
        return Problems.of(status, type, detail, problems);
    }
}
