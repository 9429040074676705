package org.switchboard.routing.internal.simulation;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * The simulator on the command line, with the API's parameters and answer:
 *
 * <pre>
 * scripts/simulate --agents 13 --arrivalsPerHour 200 --ahtSeconds 180 --serviceLevelSeconds 20 \
 *     --contacts 1000000 --seed 1 [--patienceSeconds 120] [--serviceLevelConvention offered] \
 *     [--handleTime lognormal --handleTimeSdSeconds 120]
 * </pre>
 *
 * Prints one JSON object (plus the run time); exits with 2 and the invalid fields on bad input.
 */
public final class SimulationCommand {

    private SimulationCommand() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                err.println("expected --name value pairs, got " + args[i]);
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        SimulationRequest request;
        try {
            request = SimulationRequest.validate(new SimulationRequest.Raw(
                    number(options.get("agents")),
                    number(options.get("arrivalsPerHour")),
                    number(options.get("ahtSeconds")),
                    number(options.get("patienceSeconds")),
                    number(options.get("serviceLevelSeconds")),
                    number(options.get("contacts")),
                    number(options.get("seed")),
                    options.get("serviceLevelConvention"),
                    number(options.get("shortAbandonSeconds")),
                    options.get("handleTime"),
                    number(options.get("handleTimeSdSeconds"))));
        } catch (InvalidInputException e) {
            for (FieldProblem problem : e.problems()) {
                err.println("--" + problem.field() + ": " + problem.message());
            }
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        SimulationResult result = Simulator.run(request.scenario());
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(String.format(
                Locale.ROOT,
                "{\"serviceLevel\": %.6f, \"asaSeconds\": %.4f, \"abandonRate\": %.6f, \"occupancy\": %.6f,"
                        + " \"contacts\": %d, \"answered\": %d, \"abandoned\": %d, \"runSeconds\": %.2f}",
                result.serviceLevel(),
                result.asaSeconds(),
                result.abandonRate(),
                result.occupancy(),
                result.contacts(),
                result.answered(),
                result.abandoned(),
                seconds));
    }

    /** A whole number as Long, another number as Double, anything else as text (reported as invalid). */
    private static @Nullable Object number(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(raw.strip());
            } catch (NumberFormatException notNumber) {
                return raw;
            }
        }
    }
}
