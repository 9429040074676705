package org.switchboard.knowledge.search.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.search.BulkImport;
import org.switchboard.platform.InvalidInputException;

/**
 * {@code POST /api/v1/knowledge/articles/bulk}: JSON Lines import of published articles. 200 when every
 * line was imported, 207 (Multi-Status) when some lines failed; the body has one result per line.
 */
@RestController
@RequestMapping("/api/v1/knowledge/articles")
class KnowledgeImportApiController {

    private final BulkImport bulkImport;
    private final Articles articles;

    KnowledgeImportApiController(BulkImport bulkImport, Articles articles) {
        this.bulkImport = bulkImport;
        this.articles = articles;
    }

    record Results(List<BulkImport.LineResult> results) {}

    @PostMapping(
            path = "/bulk",
            consumes = {"application/x-ndjson", "application/jsonl", "text/plain"})
    ResponseEntity<Results> bulk(@RequestBody(required = false) String body) {
        Actor actor = Actors.current();
        // Importing publishes: the knowledge-editor permission (admins always have it).
        if (!articles.isEditor(actor)) {
            throw new AccessDeniedException("importing articles needs the knowledge-editor permission");
        }
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "must contain at least one JSON line");
        }
        List<BulkImport.LineResult> results = bulkImport.importLines(body, actor);
        boolean allOk = results.stream().allMatch(BulkImport.LineResult::ok);
        return ResponseEntity.status(allOk ? HttpStatus.OK : HttpStatus.MULTI_STATUS)
                .body(new Results(results));
    }
}
