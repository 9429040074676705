package org.switchboard.routing.web;

import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.routing.internal.simulation.SimulationRequest;
import org.switchboard.routing.internal.simulation.SimulationResult;
import org.switchboard.routing.internal.simulation.Simulator;
import tools.jackson.databind.JsonNode;

/**
 * Runs a simulation of identical agents on one queue through the real routing engine and answers with
 * what it measured. Synchronous: the work is bounded by the request's limits (see
 * {@code docs/routing-engine.md}); at most two run at once, a third caller gets a 429. Any signed-in user.
 */
@RestController
class SimulationApiController {

    private final Semaphore running = new Semaphore(2);

    /** The response: fractions between 0 and 1, ASA over answered contacts. */
    record SimulationJson(
            double serviceLevel, double asaSeconds, double abandonRate, double occupancy, long contacts) {}

    @PostMapping("/api/v1/routing/simulations")
    ResponseEntity<?> simulate(@RequestBody(required = false) @Nullable JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        SimulationRequest request = SimulationRequest.validate(new SimulationRequest.Raw(
                value(json, "agents"),
                value(json, "arrivalsPerHour"),
                value(json, "ahtSeconds"),
                value(json, "patienceSeconds"),
                value(json, "serviceLevelSeconds"),
                value(json, "contacts"),
                value(json, "seed"),
                value(json, "serviceLevelConvention"),
                value(json, "shortAbandonSeconds"),
                value(json, "handleTime"),
                value(json, "handleTimeSdSeconds")));
        if (!running.tryAcquire()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.TOO_MANY_REQUESTS, "Two simulations are running; try again when one has finished");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(problem);
        }
        try {
            SimulationResult result = Simulator.run(request.scenario());
            return ResponseEntity.ok(new SimulationJson(
                    result.serviceLevel(),
                    result.asaSeconds(),
                    result.abandonRate(),
                    result.occupancy(),
                    result.contacts()));
        } finally {
            running.release();
        }
    }

    /** A JSON value as Java: whole numbers as Long, other numbers as Double, strings, or a marker otherwise. */
    private static @Nullable Object value(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) Double.NaN;
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            // 13.0 is a whole number for the count fields
            return value == Math.rint(value) && Math.abs(value) < 9e15 ? (Object) (long) value : (Object) value;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return Boolean.FALSE; // neither a number nor a string: reported by the validation
    }
}
