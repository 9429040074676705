package org.switchboard.routing.internal.staffing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.RuleViolationException;

class ErlangTest {

    /** 100 calls per 30 minutes, 180 s handling, 20 s threshold: 10 Erlangs. */
    private static final Load PUBLISHED = new Load(200, 180, 20, null);

    private static final Load PUBLISHED_WITH_PATIENCE = new Load(200, 180, 20, 120.0);

    @ParameterizedTest(name = "Erlang C, {0} agents: service level {1}, ASA {2} s")
    @CsvSource({"13, 0.796, 17.1", "14, 0.888, 7.8"})
    void erlangCMatchesThePublishedFigures(int agents, double serviceLevel, double asa) {
        Prediction prediction = ErlangC.predict(PUBLISHED, agents);
        assertThat(prediction.serviceLevel()).isCloseTo(serviceLevel, within(0.001));
        assertThat(prediction.asaSeconds()).isCloseTo(asa, within(0.1));
        assertThat(prediction.abandonRate()).isZero();
        assertThat(prediction.occupancy()).isCloseTo(10.0 / agents, within(1e-12));
    }

    @ParameterizedTest(name = "target {0} needs {1} agents")
    @CsvSource({"0.79, 13", "0.8, 14", "0.5, 12", "0.94, 15", "0.95, 16"})
    void erlangCStaffsTheFewestAgentsMeetingTheTarget(double target, int agents) {
        Prediction prediction = Staffing.fewestAgents(PUBLISHED, target);
        assertThat(prediction.agents()).isEqualTo(agents);
        assertThat(prediction.serviceLevel()).isGreaterThanOrEqualTo(target);
        assertThat(ErlangC.predict(PUBLISHED, agents - 1).serviceLevel()).isLessThan(target);
    }

    @Test
    void erlangBMatchesKnownValues() {
        assertThat(ErlangB.blocking(1, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(ErlangB.blocking(2, 1)).isCloseTo(0.2, within(1e-12));
        // 10 Erlangs on 10 lines: 0.2146 in every Erlang B table.
        assertThat(ErlangB.blocking(10, 10)).isCloseTo(0.2146, within(0.0001));
    }

    @Test
    void erlangCWaitProbabilityMatchesTheTextbook() {
        // 10 Erlangs, 13 agents: C = 0.2853 (the closed form a^N/N! N/(N-a) / (Σ_{k<N} a^k/k! + that)).
        assertThat(ErlangC.waitProbability(PUBLISHED, 13)).isCloseTo(0.2853, within(0.0001));
    }

    @Test
    void erlangAMatchesThePublishedFigures() {
        Prediction prediction = ErlangA.predict(PUBLISHED_WITH_PATIENCE, 12);
        assertThat(prediction.abandonRate()).isCloseTo(0.062, within(0.005));
        assertThat(prediction.serviceLevel()).isCloseTo(0.826, within(0.01));
        assertThat(prediction.occupancy()).isCloseTo(10 * (1 - prediction.abandonRate()) / 12, within(1e-9));
        // A truncated birth-death chain solved directly (400 states, uniformized waiting times) gives
        // abandonment 0.06160 and service level 0.82558 for the same load.
        assertThat(prediction.abandonRate()).isCloseTo(0.06160, within(0.00005));
        assertThat(prediction.serviceLevel()).isCloseTo(0.82558, within(0.00005));
    }

    @ParameterizedTest(name = "{0} agents")
    @CsvSource({"5", "10", "12", "14", "20"})
    void erlangAApproachesErlangCWhenCallersArePatient(int agents) {
        Load patient = new Load(200, 180, 20, 1e8);
        Prediction a = ErlangA.predict(patient, agents);
        if (agents > 10) {
            Prediction c = ErlangC.predict(PUBLISHED, agents);
            assertThat(a.serviceLevel()).isCloseTo(c.serviceLevel(), within(0.001));
            assertThat(a.asaSeconds()).isCloseTo(c.asaSeconds() / (1 - a.abandonRate()), within(0.1));
            assertThat(a.abandonRate()).isLessThan(1e-5);
        } else {
            // Overloaded: nearly everyone beyond the agents' capacity abandons, the agents are saturated.
            assertThat(a.occupancy()).isCloseTo(1, within(0.001));
            assertThat(a.abandonRate()).isCloseTo(1 - agents / 10.0, within(0.001));
        }
    }

    @Test
    void erlangAWithImpatientCallersCarriesAnOverload() {
        Load overload = new Load(400, 180, 20, 30.0); // 20 Erlangs
        Prediction prediction = Staffing.fewestAgents(overload, 0.8);
        assertThat(prediction.agents()).isLessThan(Staffing.MAX_AGENTS);
        assertThat(prediction.serviceLevel()).isGreaterThanOrEqualTo(0.8);
        assertThat(ErlangA.predict(overload, prediction.agents() - 1).serviceLevel())
                .isLessThan(0.8);
    }

    @Test
    void erlangAStaffingForThePublishedLoad() {
        Prediction prediction = Staffing.fewestAgents(PUBLISHED_WITH_PATIENCE, 0.8);
        assertThat(prediction.agents()).isEqualTo(12);
    }

    @Test
    void aLoadErlangCCannotCarryIsRefused() {
        assertThatThrownBy(() -> Staffing.fewestAgents(new Load(1_000_000, 3600, 20, null), 0.8))
                .isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("Erlangs");
    }

    @Test
    void largeAndTinyLoadsStayFinite() {
        Prediction big = Staffing.fewestAgents(new Load(100_000, 300, 20, null), 0.9);
        assertThat(big.agents()).isGreaterThan(8333).isLessThan(8500);
        assertThat(big.asaSeconds()).isFinite();
        Prediction tiny = Staffing.fewestAgents(new Load(0.01, 10, 20, 60.0), 0.99);
        assertThat(tiny.agents()).isEqualTo(1);
        assertThat(tiny.serviceLevel()).isLessThanOrEqualTo(1).isGreaterThan(0.99);
        Prediction bigA = Staffing.fewestAgents(new Load(100_000, 300, 20, 600.0), 0.9);
        assertThat(bigA.agents()).isLessThanOrEqualTo(big.agents());
    }
}
