package org.switchboard.knowledge.web;

import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.switchboard.knowledge.internal.AttachmentFiles;

/** The knowledge API's own problem: an attachment over the size limit is a 413. */
@RestControllerAdvice(assignableTypes = ArticleApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class KnowledgeApiAdvice {

    @ExceptionHandler(AttachmentFiles.TooLarge.class)
    ProblemDetail tooLarge(AttachmentFiles.TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("https://switchboard.dev/problems/too-large"));
        problem.setTitle(HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase());
        problem.setProperty("errors", List.of());
        return problem;
    }
}
