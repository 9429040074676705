package org.switchboard.routing.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.routing.internal.staffing.Load;
import org.switchboard.routing.internal.staffing.Prediction;
import org.switchboard.routing.internal.staffing.Staffing;

/**
 * Staffing: the fewest agents meeting a service-level target (Erlang C, or Erlang A when a mean patience
 * is given) and what they are predicted to achieve. Any signed-in user. See {@code docs/routing-staffing.md}.
 */
@RestController
class StaffingApiController {

    static final double MAX_ARRIVALS_PER_HOUR = 1_000_000;
    static final double MAX_SECONDS = 86_400;
    /** Bounds the Erlang A series (about arrivals per second times patience terms per evaluation). */
    static final double MAX_PATIENCE_SECONDS = 3_600;

    @GetMapping("/api/v1/routing/staffing")
    Prediction staffing(
            @RequestParam(required = false) @Nullable String arrivalsPerHour,
            @RequestParam(required = false) @Nullable String ahtSeconds,
            @RequestParam(required = false) @Nullable String serviceLevelSeconds,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String patienceSeconds) {
        List<FieldProblem> problems = new ArrayList<>();
        Double arrivals = positive("arrivalsPerHour", arrivalsPerHour, MAX_ARRIVALS_PER_HOUR, problems);
        Double aht = positive("ahtSeconds", ahtSeconds, MAX_SECONDS, problems);
        Double threshold = positive("serviceLevelSeconds", serviceLevelSeconds, MAX_SECONDS, problems);
        Double fraction = fraction("target", target, problems);
        Double patience = patienceSeconds == null || patienceSeconds.isBlank()
                ? null
                : positive("patienceSeconds", patienceSeconds, MAX_PATIENCE_SECONDS, problems);
        if (!problems.isEmpty() || arrivals == null || aht == null || threshold == null || fraction == null) {
            throw new InvalidInputException(problems);
        }
        return Staffing.fewestAgents(new Load(arrivals, aht, threshold, patience), fraction);
    }

    private static @Nullable Double number(String field, @Nullable String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
            return null;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(new FieldProblem(field, "must be a number"));
        return null;
    }

    private static @Nullable Double positive(
            String field, @Nullable String raw, double max, List<FieldProblem> problems) {
        Double value = number(field, raw, problems);
        if (value == null) {
            return null;
        }
        if (value <= 0 || value > max) {
            problems.add(new FieldProblem(field, "must be greater than 0 and at most " + (long) max));
            return null;
        }
        return value;
    }

    private static @Nullable Double fraction(String field, @Nullable String raw, List<FieldProblem> problems) {
        Double value = number(field, raw, problems);
        if (value == null) {
            return null;
        }
        if (value <= 0 || value >= 1) {
            problems.add(new FieldProblem(field, "must be a fraction between 0 and 1, both excluded"));
            return null;
        }
        return value;
    }
}
