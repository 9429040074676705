package org.switchboard.knowledge.search.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
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

    KnowledgeImportApiController(BulkImport bulkImport) {
        this.bulkImport = bulkImport;
    }

    record Results(List<BulkImport.LineResult> results) {}

    @PostMapping(
            path = "/bulk",
            consumes = {"application/x-ndjson", "application/jsonl", "text/plain"})
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR')")
    ResponseEntity<Results> bulk(@RequestBody(required = false) String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "must contain at least one JSON line");
        }
        List<BulkImport.LineResult> results = bulkImport.importLines(body);
        boolean allOk = results.stream().allMatch(BulkImport.LineResult::ok);
        return ResponseEntity.status(allOk ? HttpStatus.OK : HttpStatus.MULTI_STATUS)
                .body(new Results(results));
    }
}
