package org.switchboard.knowledge.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.CaseView;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.FlowSummary;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.internal.FlowEndings;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Self-service flows for customers, no login: {@code /api/v1/help/flows}. Only flows for customers are
 * visible; a run is reached by its id alone. Writes are rate limited per client.
 */
@RestController
@RequestMapping("/api/v1/help/flows")
class HelpFlowApiController {

    private final GuidedFlows flows;
    private final FlowEndings endings;
    private final PublicRateLimit rateLimit;

    HelpFlowApiController(GuidedFlows flows, FlowEndings endings, PublicRateLimit rateLimit) {
        this.flows = flows;
        this.endings = endings;
        this.rateLimit = rateLimit;
    }

    /** Published flows for customers: {@code {"items": [{"id", "name", "language"}]}}. */
    @GetMapping
    Map<String, List<Map<String, Object>>> list() {
        return Map.of(
                "items",
                flows.list(true).stream()
                        .filter(FlowSummary::forCustomers)
                        .map(HelpFlowApiController::publicSummary)
                        .toList());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        FlowSummary flow = customerFlow(FlowId.parse(id));
        FlowDefinition definition =
                flows.version(flow.id(), flow.publishedVersion()).orElseThrow();
        var result = new java.util.LinkedHashMap<>(publicSummary(flow));
        result.put("version", flow.publishedVersion());
        result.put("definition", definition);
        return result;
    }

    @PostMapping("/{id}/runs")
    ResponseEntity<FlowRunView> start(@PathVariable String id, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        FlowRunView run = flows.startSelfService(FlowId.parse(id));
        return ResponseEntity.created(URI.create("/api/v1/help/flows/runs/" + run.id()))
                .body(run);
    }

    @GetMapping("/runs/{runId}")
    FlowRunView run(@PathVariable String runId) {
        return flows.run(FlowRunId.parse(runId), null);
    }

    /** {@code {"step", "option"}}. */
    @PostMapping("/runs/{runId}/choices")
    FlowRunView choose(@PathVariable String runId, @RequestBody JsonNode json, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        FlowApiController.Choice choice = FlowApiController.Choice.of(json);
        return flows.choose(FlowRunId.parse(runId), choice.step(), choice.option(), null);
    }

    @PostMapping("/runs/{runId}/abandon")
    FlowRunView abandon(@PathVariable String runId, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        return flows.abandon(FlowRunId.parse(runId), null);
    }

    /**
     * Opens the case a run ended with ({@code open_case} or {@code callback}): {@code {"email", "name",
     * "phone", "message", "at"}} ({@code phone} required for a callback; {@code at}, an ISO-8601 time, schedules
     * it). A callback ending also requests the callback from routing. Answers {@code 201 {"caseNumber"}}.
     */
    @PostMapping("/runs/{runId}/case")
    ResponseEntity<Map<String, String>> openCase(
            @PathVariable String runId, @RequestBody JsonNode json, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        JsonBody body = JsonBody.of(json);
        Instant at = null;
        try {
            at = CallbackTime.parse(body.string("at"), null);
        } catch (InvalidInputException e) {
            body.problem("at", e.problems().getFirst().message());
        }
        var contact = new FlowEndings.Contact(
                body.string("email"), body.string("name"), body.string("phone"), body.string("message"), at);
        body.check();
        CaseView opened = endings.openSelfServiceCase(FlowRunId.parse(runId), contact);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caseNumber", opened.number()));
    }

    private FlowSummary customerFlow(FlowId id) {
        return flows.list(true).stream()
                .filter(f -> f.id().equals(id) && f.forCustomers())
                .findFirst()
                .orElseThrow(() -> new NotFoundException("flow", id));
    }

    private static Map<String, Object> publicSummary(FlowSummary flow) {
        var summary = new java.util.LinkedHashMap<String, Object>();
        summary.put("id", flow.id().toString());
        summary.put("name", flow.name());
        if (flow.language() != null) {
            summary.put("language", flow.language());
        }
        return summary;
    }
}
