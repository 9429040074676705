package org.switchboard.routing.internal.staffing;

import org.switchboard.platform.RuleViolationException;

/**
 * The fewest identical agents whose predicted service level (answered within the threshold / offered)
 * reaches a target: Erlang C without patience, Erlang A with it. Searches at most {@link #MAX_AGENTS}.
 */
public final class Staffing {

    public static final int MAX_AGENTS = 10_000;

    private Staffing() {}

    /**
     * @throws RuleViolationException when no number of agents up to {@link #MAX_AGENTS} meets the target
     */
    public static Prediction fewestAgents(Load load, double target) {
        return load.patienceSeconds() == null ? erlangC(load, target) : erlangA(load, target);
    }

    private static Prediction erlangC(Load load, double target) {
        double erlangs = load.erlangs();
        if (erlangs >= MAX_AGENTS) {
            throw new RuleViolationException(String.format(
                    java.util.Locale.ROOT,
                    "the offered load of %.1f Erlangs needs more than %d agents to keep the queue finite",
                    erlangs,
                    MAX_AGENTS));
        }
        double logInverseB = 0;
        for (int n = 1; n <= MAX_AGENTS; n++) {
            logInverseB = ErlangB.nextLogInverse(logInverseB, n, erlangs);
            if (n > erlangs) {
                Prediction prediction = ErlangC.predict(load, n, logInverseB);
                if (prediction.serviceLevel() >= target) {
                    return prediction;
                }
            }
        }
        throw unreachable(target);
    }

    /** Erlang A's service level rises with the number of agents: a binary search. */
    private static Prediction erlangA(Load load, double target) {
        Prediction best = ErlangA.predict(load, MAX_AGENTS);
        if (best.serviceLevel() < target) {
            throw unreachable(target);
        }
        int low = 1;
        int high = MAX_AGENTS;
        while (low < high) {
            int middle = (low + high) >>> 1;
            Prediction prediction = ErlangA.predict(load, middle);
            if (prediction.serviceLevel() >= target) {
                high = middle;
                best = prediction;
            } else {
                low = middle + 1;
            }
        }
        return best.agents() == high ? best : ErlangA.predict(load, high);
    }

    private static RuleViolationException unreachable(double target) {
        return new RuleViolationException(String.format(
                java.util.Locale.ROOT,
                "no number of agents up to %d reaches a service level of %s for this load",
                MAX_AGENTS,
                target));
    }
}
