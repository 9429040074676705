package org.switchboard.knowledge.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowReport;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.FlowSummary;
import org.switchboard.knowledge.FlowView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.internal.FlowEndings;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Guided flows for staff: editing and publishing (admins), runs on a case (agents), the completion and
 * drop-off report. {@code /api/v1/knowledge/flows} and {@code /api/v1/knowledge/flow-runs}.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
class FlowApiController {

    private final GuidedFlows flows;
    private final FlowEndings endings;
    private final Cases cases;

    FlowApiController(GuidedFlows flows, FlowEndings endings, Cases cases) {
        this.flows = flows;
        this.endings = endings;
        this.cases = cases;
    }

    @GetMapping("/flows")
    Map<String, List<FlowSummary>> list(@RequestParam(required = false) @Nullable Boolean published) {
        return Map.of("items", flows.list(published != null && published));
    }

    /** {@code {"name", "audience", "language", "definition"}}; the definition may be left for later. */
    @PostMapping("/flows")
    ResponseEntity<FlowView> create(@RequestBody JsonNode json) {
        Actor actor = Actors.current();
        JsonBody body = JsonBody.of(json);
        String name = body.string("name");
        String audience = body.string("audience");
        String language = body.string("language");
        FlowDefinition definition = body.has("definition") ? FlowJson.definition(body.object("definition")) : null;
        body.check();
        FlowView view = flows.create(name, audience == null ? "both" : audience, language, actor);
        if (definition != null) {
            view = flows.saveDraft(
                    view.summary().id(), name, view.summary().audience(), language, definition, null, actor);
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/knowledge/flows/" + view.summary().id()))
                .eTag(ETags.of(view.summary().version()))
                .body(view);
    }

    @GetMapping("/flows/{id}")
    ResponseEntity<FlowView> get(@PathVariable String id) {
        FlowView view = flows.get(FlowId.parse(id));
        return ResponseEntity.ok().eTag(ETags.of(view.summary().version())).body(view);
    }

    /** Replaces the draft; {@code If-Match} with the ETag guards against a lost update (412). */
    @PutMapping("/flows/{id}")
    ResponseEntity<FlowView> saveDraft(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody JsonNode json) {
        Actor actor = Actors.current();
        FlowId flowId = FlowId.parse(id);
        FlowView current = flows.get(flowId);
        JsonBody body = JsonBody.of(json);
        String name = body.has("name") ? body.string("name") : current.summary().name();
        String audience = body.has("audience")
                ? body.string("audience")
                : current.summary().audience();
        String language = body.has("language")
                ? body.string("language")
                : current.summary().language();
        FlowDefinition definition =
                body.has("definition") ? FlowJson.definition(body.object("definition")) : current.draft();
        body.check();
        FlowView view =
                flows.saveDraft(flowId, name, audience, language, definition, ETags.expectedVersion(ifMatch), actor);
        return ResponseEntity.ok().eTag(ETags.of(view.summary().version())).body(view);
    }

    @PostMapping("/flows/{id}/publish")
    ResponseEntity<FlowView> publish(@PathVariable String id) {
        FlowView view = flows.publish(FlowId.parse(id), Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(view.summary().version())).body(view);
    }

    @GetMapping("/flows/{id}/versions/{version}")
    FlowDefinition version(@PathVariable String id, @PathVariable int version) {
        return flows.version(FlowId.parse(id), version)
                .orElseThrow(() -> new NotFoundException("flow version", id + " v" + version));
    }

    /** Completion and drop-off per step of one version (default: the published one). */
    @GetMapping("/flows/{id}/report")
    FlowReport report(@PathVariable String id, @RequestParam(required = false) @Nullable Integer version) {
        return flows.report(FlowId.parse(id), version);
    }

    /** Starts a run on a case: {@code {"caseId"}} (id or number). */
    @PostMapping("/flows/{id}/runs")
    ResponseEntity<FlowRunView> start(@PathVariable String id, @RequestBody JsonNode json) {
        Actor actor = Actors.current();
        JsonBody body = JsonBody.of(json);
        String caseRef = body.string("caseId");
        if (caseRef == null || caseRef.isBlank()) {
            body.problem("caseId", "is required");
        }
        body.check();
        CaseView theCase;
        try {
            theCase = cases.get(caseRef, actor);
        } catch (NotFoundException e) {
            throw new InvalidInputException("caseId", "no such case");
        }
        FlowRunView run = flows.startOnCase(FlowId.parse(id), theCase.id(), actor);
        return ResponseEntity.created(URI.create("/api/v1/knowledge/flow-runs/" + run.id()))
                .body(run);
    }

    /** The agent runs of a case, newest first. */
    @GetMapping("/flow-runs")
    Map<String, List<FlowRunView>> runsOfCase(@RequestParam String caseId) {
        Actor actor = Actors.current();
        return Map.of("items", flows.runsOfCase(cases.get(caseId, actor).id(), actor));
    }

    @GetMapping("/flow-runs/{runId}")
    FlowRunView run(@PathVariable String runId) {
        return flows.run(FlowRunId.parse(runId), Actors.current());
    }

    /** Answers the current question: {@code {"step", "option"}}. */
    @PostMapping("/flow-runs/{runId}/choices")
    FlowRunView choose(@PathVariable String runId, @RequestBody JsonNode json) {
        Choice choice = Choice.of(json);
        return flows.choose(FlowRunId.parse(runId), choice.step(), choice.option(), Actors.current());
    }

    @PostMapping("/flow-runs/{runId}/abandon")
    FlowRunView abandon(@PathVariable String runId) {
        return flows.abandon(FlowRunId.parse(runId), Actors.current());
    }

    /**
     * Carries out the ending on the case: moves it to the ending's queue; a callback ending also tags it
     * and requests the callback from routing, with the optional body {@code {"phone", "at"}} (default: the
     * customer's first phone number, as soon as possible).
     */
    @PostMapping("/flow-runs/{runId}/action")
    CaseView action(@PathVariable String runId, @RequestBody(required = false) @Nullable JsonNode json) {
        FlowEndings.CallbackChoice callback = FlowEndings.CallbackChoice.DEFAULT;
        if (json != null) {
            JsonBody body = JsonBody.of(json);
            String phone = body.string("phone");
            java.time.Instant at = null;
            try {
                at = CallbackTime.parse(body.string("at"), null);
            } catch (InvalidInputException e) {
                body.problem("at", e.problems().getFirst().message());
            }
            body.check();
            callback = new FlowEndings.CallbackChoice(phone, at);
        }
        return endings.carryOutOnCase(FlowRunId.parse(runId), callback, Actors.current());
    }

    /** An answer to a run's current question. */
    record Choice(String step, String option) {
        static Choice of(JsonNode json) {
            JsonBody body = JsonBody.of(json);
            String step = body.string("step");
            String option = body.string("option");
            if (step == null || step.isBlank()) {
                body.problem("step", "is required");
            }
            if (option == null || option.isBlank()) {
                body.problem("option", "is required");
            }
            body.check();
            return new Choice(step, option);
        }
    }
}
