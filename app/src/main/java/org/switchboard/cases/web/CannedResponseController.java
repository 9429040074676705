package org.switchboard.cases.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.CannedResponse;
import org.switchboard.cases.CannedResponseId;
import org.switchboard.cases.CannedResponses;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actors;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;

/** {@code /api/v1/canned-responses}: everyone reads and renders; supervisors and admins change. */
@RestController
@RequestMapping("/api/v1/canned-responses")
class CannedResponseController {

    private final CannedResponses responses;
    private final Cases cases;

    CannedResponseController(CannedResponses responses, Cases cases) {
        this.responses = responses;
        this.cases = cases;
    }

    @GetMapping
    Map<String, List<CannedResponse>> list() {
        return Map.of("items", responses.list());
    }

    @GetMapping("/{id}")
    ResponseEntity<CannedResponse> get(@PathVariable String id) {
        CannedResponse response = responses.get(CannedResponseId.parse(id));
        return ResponseEntity.ok().eTag(ETags.of(response.version())).body(response);
    }

    @PostMapping
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<CannedResponse> create(@RequestBody CaseRequests.CannedResponseBody body) {
        CannedResponse created = responses.create(body.name(), body.body(), Actors.current());
        return ResponseEntity.created(URI.create("/api/v1/canned-responses/" + created.id()))
                .eTag(ETags.of(created.version()))
                .body(created);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<CannedResponse> update(
            @PathVariable String id,
            @RequestBody CaseRequests.CannedResponseBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        CannedResponse updated = responses.update(
                CannedResponseId.parse(id), body.name(), body.body(), ETags.expectedVersion(ifMatch), Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> delete(@PathVariable String id) {
        responses.delete(CannedResponseId.parse(id), Actors.current());
        return ResponseEntity.noContent().build();
    }

    /** {@code {"text"}}: the body with the case's and the agent's placeholders filled. */
    @PostMapping("/{id}/render")
    Map<String, String> render(@PathVariable String id, @RequestParam(name = "case", required = false) String caseRef) {
        if (caseRef == null || caseRef.isBlank()) {
            throw new InvalidInputException("case", "is required");
        }
        var actor = Actors.current();
        CannedResponseId responseId = CannedResponseId.parse(id);
        responses.get(responseId);
        var view = cases.get(caseRef, actor);
        return Map.of("text", responses.render(responseId, view.id(), actor));
    }
}
