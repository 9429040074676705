package org.switchboard.routing.internal.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * The parameters of a one-queue simulation (the API's and the command line's), validated field by field.
 * Bounds keep every run finite and its memory small: at most 10^7 contacts and 10,000 agents, at most
 * {@link Scenario#DEFAULT_MAX_WAITING} contacts waiting at once.
 */
public record SimulationRequest(
        int agents,
        double arrivalsPerHour,
        double ahtSeconds,
        @Nullable Double patienceSeconds,
        double serviceLevelSeconds,
        long contacts,
        long seed,
        ServiceLevelConvention convention,
        double shortAbandonSeconds,
        String handleTime,
        @Nullable Double handleTimeSdSeconds) {

    public static final long MAX_CONTACTS = 10_000_000;
    public static final int MAX_AGENTS = 10_000;
    public static final double MAX_ARRIVALS_PER_HOUR = 1_000_000;
    public static final double MAX_SECONDS = 86_400;
    static final List<String> HANDLE_TIMES = List.of("exponential", "deterministic", "lognormal");

    /** Raw values as read from JSON or the command line; null = absent, NaN = not a number. */
    public record Raw(
            @Nullable Object agents,
            @Nullable Object arrivalsPerHour,
            @Nullable Object ahtSeconds,
            @Nullable Object patienceSeconds,
            @Nullable Object serviceLevelSeconds,
            @Nullable Object contacts,
            @Nullable Object seed,
            @Nullable Object serviceLevelConvention,
            @Nullable Object shortAbandonSeconds,
            @Nullable Object handleTime,
            @Nullable Object handleTimeSdSeconds) {}

    /** @throws InvalidInputException naming every invalid field */
    public static SimulationRequest validate(Raw raw) {
        List<FieldProblem> problems = new ArrayList<>();
        Long agents = whole("agents", raw.agents(), 1, MAX_AGENTS, true, problems);
        Double arrivals = positive("arrivalsPerHour", raw.arrivalsPerHour(), MAX_ARRIVALS_PER_HOUR, true, problems);
        Double aht = positive("ahtSeconds", raw.ahtSeconds(), MAX_SECONDS, true, problems);
        Double patience = positive("patienceSeconds", raw.patienceSeconds(), MAX_SECONDS, false, problems);
        Double threshold = positive("serviceLevelSeconds", raw.serviceLevelSeconds(), MAX_SECONDS, true, problems);
        Long contacts = whole("contacts", raw.contacts(), 1, MAX_CONTACTS, true, problems);
        Long seed = whole("seed", raw.seed(), Long.MIN_VALUE, Long.MAX_VALUE, true, problems);
        Double shortAbandon = positive("shortAbandonSeconds", raw.shortAbandonSeconds(), MAX_SECONDS, false, problems);
        Double sd = positive("handleTimeSdSeconds", raw.handleTimeSdSeconds(), MAX_SECONDS, false, problems);
        ServiceLevelConvention convention = ServiceLevelConvention.OFFERED;
        if (raw.serviceLevelConvention() != null) {
            String value =
                    raw.serviceLevelConvention() instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
            try {
                convention = ServiceLevelConvention.fromWire(value);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(
                        "serviceLevelConvention", "must be offered, abandons_excluded or short_abandons_excluded"));
            }
        }
        String handleTime = "exponential";
        if (raw.handleTime() != null) {
            String value = raw.handleTime() instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
            if (HANDLE_TIMES.contains(value)) {
                handleTime = value;
            } else {
                problems.add(new FieldProblem("handleTime", "must be exponential, deterministic or lognormal"));
            }
        }
        if (!problems.isEmpty()
                || agents == null
                || arrivals == null
                || aht == null
                || threshold == null
                || contacts == null
                || seed == null) {
            throw new InvalidInputException(problems);
        }
        return new SimulationRequest(
                agents.intValue(),
                arrivals,
                aht,
                patience,
                threshold,
                contacts,
                seed,
                convention,
                shortAbandon == null ? Scenario.DEFAULT_SHORT_ABANDON_SECONDS : shortAbandon,
                handleTime,
                sd);
    }

    public Scenario scenario() {
        Scenario erlang = Scenario.erlang(
                agents, arrivalsPerHour, ahtSeconds, patienceSeconds, serviceLevelSeconds, contacts, seed, convention);
        HandleTime distribution = switch (handleTime) {
            case "deterministic" -> new HandleTime.Deterministic(ahtSeconds);
            case "lognormal" ->
                new HandleTime.LogNormal(ahtSeconds, handleTimeSdSeconds == null ? ahtSeconds : handleTimeSdSeconds);
            default -> new HandleTime.Exponential(ahtSeconds);
        };
        Scenario.Stream stream = erlang.streams().getFirst();
        return new Scenario(
                erlang.queues(),
                erlang.agents(),
                List.of(new Scenario.Stream(stream.arrivalsPerHour(), stream.item(), distribution, patienceSeconds)),
                serviceLevelSeconds,
                contacts,
                seed,
                convention,
                shortAbandonSeconds,
                Scenario.DEFAULT_MAX_WAITING);
    }

    private static @Nullable Double number(
            String field, @Nullable Object raw, boolean required, List<FieldProblem> problems) {
        if (raw == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        double value = raw instanceof Number n ? n.doubleValue() : Double.NaN;
        if (!Double.isFinite(value)) {
            problems.add(new FieldProblem(field, "must be a number"));
            return null;
        }
        return value;
    }

    private static @Nullable Double positive(
            String field, @Nullable Object raw, double max, boolean required, List<FieldProblem> problems) {
        Double value = number(field, raw, required, problems);
        if (value != null && (value <= 0 || value > max)) {
            problems.add(new FieldProblem(field, "must be greater than 0 and at most " + (long) max));
            return null;
        }
        return value;
    }

    private static @Nullable Long whole(
            String field, @Nullable Object raw, long min, long max, boolean required, List<FieldProblem> problems) {
        if (raw == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!(raw instanceof Long || raw instanceof Integer)) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return null;
        }
        long value = ((Number) raw).longValue();
        if (value < min || value > max) {
            problems.add(new FieldProblem(field, "must be between " + min + " and " + max));
            return null;
        }
        return value;
    }
}
