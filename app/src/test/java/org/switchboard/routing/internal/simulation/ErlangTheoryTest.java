package org.switchboard.routing.internal.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.routing.internal.staffing.ErlangA;
import org.switchboard.routing.internal.staffing.ErlangC;
import org.switchboard.routing.internal.staffing.Load;
import org.switchboard.routing.internal.staffing.Prediction;

/**
 * The simulator, driving the real engine, reproduces queueing theory: Erlang C (M/M/N) and Erlang A
 * (M/M/N+M) with 10^6 contacts per case. Tolerances (issue 3, item 13): service level ±1 point,
 * abandonment ±0.5 point, ASA ±5 % (occupancy ≤ 0.85). The seed is fixed and printed on failure.
 */
class ErlangTheoryTest {

    private static final long CONTACTS = 1_000_000;
    private static final long SEED = Long.getLong("switchboard.simulation.seed", 20261124L);

    private static SimulationResult simulate(int agents, double perHour, double aht, Double patience, double t) {
        return simulate(agents, perHour, aht, patience, t, CONTACTS);
    }

    private static SimulationResult simulate(
            int agents, double perHour, double aht, Double patience, double t, long contacts) {
        return Simulator.run(
                Scenario.erlang(agents, perHour, aht, patience, t, contacts, SEED, ServiceLevelConvention.OFFERED));
    }

    @ParameterizedTest(name = "N = {0}: service level {1}, ASA {2} s")
    @CsvSource({"13, 0.796, 17.1", "14, 0.888, 7.8"})
    void reproducesThePublishedErlangCFigures(int agents, double serviceLevel, double asa) {
        SimulationResult result = simulate(agents, 200, 180, null, 20);
        String seed = "seed " + SEED + ": " + result;
        assertThat(result.contacts()).isEqualTo(CONTACTS);
        assertThat(result.serviceLevel()).as(seed).isCloseTo(serviceLevel, within(0.01));
        assertThat(result.asaSeconds()).as(seed).isCloseTo(asa, within(asa * 0.05));
        assertThat(result.abandonRate()).as(seed).isZero();
        assertThat(result.occupancy()).as(seed).isCloseTo(10.0 / agents, within(0.01));
    }

    @Test
    void reproducesThePublishedErlangAFigures() {
        SimulationResult result = simulate(12, 200, 180, 120.0, 20);
        String seed = "seed " + SEED + ": " + result;
        assertThat(result.abandonRate()).as(seed).isCloseTo(0.062, within(0.005));
        assertThat(result.serviceLevel()).as(seed).isCloseTo(0.826, within(0.01));
    }

    @ParameterizedTest(name = "{0}/h, AHT {1} s, N = {2}, T = {3} s: as the project's Erlang C")
    @CsvSource({"720, 300, 72, 30", "60, 240, 6, 15", "3000, 120, 118, 10", "400, 600, 80, 60"})
    void agreesWithTheProjectsErlangCAtOtherLoads(double perHour, double aht, int agents, double t) {
        Load load = new Load(perHour, aht, t, null);
        Prediction theory = ErlangC.predict(load, agents);
        assertThat(theory.occupancy()).isLessThanOrEqualTo(0.85);
        SimulationResult result = simulate(agents, perHour, aht, null, t);
        String seed = "seed " + SEED + ": " + result + " vs " + theory;
        assertThat(result.serviceLevel()).as(seed).isCloseTo(theory.serviceLevel(), within(0.01));
        assertThat(result.asaSeconds())
                .as(seed)
                .isCloseTo(theory.asaSeconds(), within(Math.max(0.05 * theory.asaSeconds(), 0.05)));
        assertThat(result.occupancy()).as(seed).isCloseTo(theory.occupancy(), within(0.01));
    }

    /**
     * Near saturation (occupancy 0.95) the waits converge slowly: a realized load 0.1 % above the nominal
     * one moves the ASA by about 2 %. With 10^6 contacts the ASA of five seeds strayed up to 6 % from
     * theory; the same tolerances hold with 5 × 10^6 contacts (over seeds 6, 7, 8 and the default: ASA
     * within 3.7 %, service level within 0.7 point), so this case simulates five times as many contacts.
     */
    @Test
    void agreesWithTheProjectsErlangCNearSaturation() {
        Load load = new Load(380, 180, 20, null);
        Prediction theory = ErlangC.predict(load, 20);
        assertThat(theory.occupancy()).isEqualTo(0.95, within(1e-9));
        SimulationResult result = simulate(20, 380, 180, null, 20, 5 * CONTACTS);
        String seed = "seed " + SEED + ": " + result + " vs " + theory;
        assertThat(result.serviceLevel()).as(seed).isCloseTo(theory.serviceLevel(), within(0.01));
        assertThat(result.asaSeconds()).as(seed).isCloseTo(theory.asaSeconds(), within(0.05 * theory.asaSeconds()));
        assertThat(result.occupancy()).as(seed).isCloseTo(theory.occupancy(), within(0.01));
    }

    @ParameterizedTest(name = "{0}/h, AHT {1} s, patience {2} s, N = {3}: as the project's Erlang A")
    @CsvSource({"720, 300, 60, 55, 30", "200, 180, 300, 11, 20", "1200, 200, 90, 60, 20"})
    void agreesWithTheProjectsErlangAAtOtherLoads(double perHour, double aht, double patience, int agents, double t) {
        Load load = new Load(perHour, aht, t, patience);
        Prediction theory = ErlangA.predict(load, agents);
        SimulationResult result = simulate(agents, perHour, aht, patience, t);
        String seed = "seed " + SEED + ": " + result + " vs " + theory;
        assertThat(result.abandonRate()).as(seed).isCloseTo(theory.abandonRate(), within(0.005));
        assertThat(result.serviceLevel()).as(seed).isCloseTo(theory.serviceLevel(), within(0.01));
        assertThat(result.asaSeconds())
                .as(seed)
                .isCloseTo(theory.asaSeconds(), within(Math.max(0.05 * theory.asaSeconds(), 0.05)));
    }
}
