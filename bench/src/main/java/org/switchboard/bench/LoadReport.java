package org.switchboard.bench;

import java.io.PrintStream;
import org.HdrHistogram.Histogram;

/** Prints the figures of one measured load run in the form docs/benchmarks.md records. */
record LoadReport(String name, long operations, long errors, double seconds, Histogram latencyMicros) {

    double throughput() {
        return operations / seconds;
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    void print(PrintStream out) {
        out.printf(
                "%s: %d ops in %.1f s = %.0f ops/s; errors %d; latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f%n",
                name,
                operations,
                seconds,
                throughput(),
                errors,
                percentileMillis(50),
                percentileMillis(95),
                percentileMillis(99),
                latencyMicros.getMaxValue() / 1000.0);
    }
}
