package org.switchboard.cases.web;

import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.switchboard.cases.AttachmentTooLargeException;

/** The case API's own problem: an attachment over the size limit is a 413. */
@RestControllerAdvice(assignableTypes = CaseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CasesApiAdvice {

    @ExceptionHandler(AttachmentTooLargeException.class)
    ProblemDetail tooLarge(AttachmentTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("https://switchboard.dev/problems/too-large"));
        problem.setTitle(HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase());
        problem.setProperty("errors", List.of());
        return problem;
    }
}
