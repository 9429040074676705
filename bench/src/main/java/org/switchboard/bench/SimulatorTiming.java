package org.switchboard.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.switchboard.routing.internal.simulation.Scenario;
import org.switchboard.routing.internal.simulation.ServiceLevelConvention;
import org.switchboard.routing.internal.simulation.SimulationResult;
import org.switchboard.routing.internal.simulation.Simulator;

/**
 * How long the simulator takes for 10^6 contacts (issue 3, item 13: target ≤ 30 s), for the Erlang C case
 * (N = 13) and the Erlang A case (N = 12, patience 120 s) of the theory test.
 *
 * <p>{@code bench/run SimulatorTiming [runs=5] [contacts=1000000]}
 */
public final class SimulatorTiming {

    private SimulatorTiming() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long contacts = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        for (Double patience : new Double[] {null, 120.0}) {
            int agents = patience == null ? 13 : 12;
            double[] seconds = new double[runs];
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                SimulationResult result = Simulator.run(Scenario.erlang(
                        agents, 200, 180, patience, 20, contacts, run + 1, ServiceLevelConvention.OFFERED));
                seconds[run] = (System.nanoTime() - started) / 1e9;
                out.printf("N=%d patience=%s run %d: %.2f s; %s%n", agents, patience, run + 1, seconds[run], result);
            }
            Arrays.sort(seconds);
            out.printf(
                    "N=%d patience=%s: median %.2f s for %d contacts%n", agents, patience, seconds[runs / 2], contacts);
        }
    }
}
