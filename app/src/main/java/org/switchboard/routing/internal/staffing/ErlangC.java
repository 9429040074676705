package org.switchboard.routing.internal.staffing;

/**
 * Erlang C (M/M/N, callers wait as long as it takes). With offered load {@code A} Erlangs and
 * {@code N > A} agents: probability of waiting {@code C = B / (1 - (A/N)(1 - B))} with {@code B} the
 * Erlang B blocking probability; {@code P(wait > t) = C e^(-(N - A) t / AHT)}; {@code ASA = C AHT / (N - A)}
 * over all contacts; occupancy {@code A / N}. With {@code N <= A} the queue grows without bound.
 */
public final class ErlangC {

    private ErlangC() {}

    /** Prediction for {@code agents} agents; requires {@code agents > load.erlangs()}. */
    public static Prediction predict(Load load, int agents) {
        return predict(load, agents, ErlangB.logInverse(agents, load.erlangs()));
    }

    static Prediction predict(Load load, int agents, double logInverseB) {
        double erlangs = load.erlangs();
        if (agents <= erlangs) {
            throw new IllegalArgumentException("Erlang C needs more agents than Erlangs offered");
        }
        double rho = erlangs / agents;
        // C = 1 / ((1/B)(1 - rho) + rho); an overflowing 1/B means no waiting at all.
        double waitProbability = 1.0 / (Math.exp(logInverseB) * (1 - rho) + rho);
        double spare = agents - erlangs;
        double serviceLevel = 1 - waitProbability * Math.exp(-spare * load.serviceLevelSeconds() / load.ahtSeconds());
        double asa = waitProbability * load.ahtSeconds() / spare;
        return new Prediction(agents, clamp(serviceLevel), asa, 0, rho);
    }

    /** Probability that a contact waits at all. */
    public static double waitProbability(Load load, int agents) {
        double rho = load.erlangs() / agents;
        return 1.0 / (Math.exp(ErlangB.logInverse(agents, load.erlangs())) * (1 - rho) + rho);
    }

    static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }
}
