package org.switchboard.routing.internal.staffing;

/**
 * Erlang A (Palm's M/M/N+M: Poisson arrivals at rate λ, exponential handling at rate μ per agent,
 * exponential patience at rate θ, first come first served), in the formulation of Garnett, Mandelbaum and
 * Reiman / Mandelbaum and Zeltyn.
 *
 * <p>With {@code a = Nμ/θ}, {@code b = λ/θ} and the positive series
 * {@code M(s, z) = Σ_k z^k / (s (s+1) ... (s+k))} (so that the lower incomplete gamma function is
 * {@code γ(s, z) = z^s e^-z M(s, z)}), the probability of exactly N in the system is
 * {@code p_N = 1 / (1/B - 1 + a M(a, b))} with {@code B} the Erlang B blocking probability, a contact waits
 * with probability {@code p_N a M(a, b)} and is answered after waiting with probability
 * {@code p_N a M(a+1, b)}. It waits longer than {@code t} and is then answered with probability
 * {@code p_N a e^-(Nμ+θ)t e^(b(1-x)) M(a+1, bx)}, {@code x = e^-θt}. The mean wait of answered contacts
 * follows from the same birth-death chain: a contact finding {@code j} waiting is answered with probability
 * {@code a / (a+j+1)} after a mean {@code Σ_{k=1..j+1} 1/(Nμ + kθ)}.
 *
 * <p>Every series has positive terms and is summed in logarithms, so nothing cancels or overflows.
 */
public final class ErlangA {

    /** A safety stop: the series converge long before this (terms fall once j exceeds b - a). */
    private static final int MAX_TERMS = 50_000_000;

    private static final double NEGLIGIBLE = 46; // e^-46 ≈ 1e-20 relative to the largest term

    private ErlangA() {}

    public static Prediction predict(Load load, int agents) {
        Double patience = load.patienceSeconds();
        if (patience == null || !(patience > 0)) {
            throw new IllegalArgumentException("Erlang A needs a positive mean patience");
        }
        double erlangs = load.erlangs();
        double mu = 1.0 / load.ahtSeconds();
        double lambda = load.arrivalsPerHour() / 3600.0;
        double theta = 1.0 / patience;
        double a = agents * mu / theta;
        double b = lambda / theta;
        double threshold = load.serviceLevelSeconds();

        // Sums over j = number already waiting when the contact arrives, all relative to p_N.
        double lnB = Math.log(b);
        double logTerm = 0; // ln(b^j / ((a+1)...(a+j)))
        double harmonic = 0; // Σ_{k=1..j+1} 1/(a+k)
        LogSum waiting = new LogSum();
        LogSum abandoning = new LogSum();
        LogSum waitOfAnswered = new LogSum();
        for (int j = 0; j < MAX_TERMS; j++) {
            if (j > 0) {
                logTerm += lnB - Math.log(a + j);
            }
            double lnNext = Math.log(a + j + 1);
            harmonic += 1.0 / (a + j + 1);
            waiting.add(logTerm);
            abandoning.add(logTerm + Math.log(j + 1.0) - lnNext);
            waitOfAnswered.add(logTerm + Math.log(a) - lnNext + Math.log(harmonic * patience));
            if (b < a + j + 1 && logTerm < waiting.max() - NEGLIGIBLE) {
                break;
            }
        }

        double logInverseB = ErlangB.logInverse(agents, erlangs);
        double logInverseBMinusOne = logInverseB + Math.log1p(-Math.exp(-logInverseB));
        double logNormalizer = LogSum.of(logInverseBMinusOne, waiting.value()); // ln(1/p_N)

        double waitProbability = Math.exp(waiting.value() - logNormalizer);
        double abandonRate = Math.exp(abandoning.value() - logNormalizer);
        double answeredAfterWaiting = Math.max(0, waitProbability - abandonRate);
        double answeredLate = Math.exp(logAnsweredLate(a, b, agents * mu, theta, threshold) - logNormalizer);
        double serviceLevel = (1 - waitProbability) + answeredAfterWaiting - answeredLate;
        double answered = 1 - abandonRate;
        double asa = answered > 0 ? Math.exp(waitOfAnswered.value() - logNormalizer) / answered : 0;
        double occupancy = Math.min(1, erlangs * answered / agents);
        return new Prediction(agents, ErlangC.clamp(serviceLevel), asa, ErlangC.clamp(abandonRate), occupancy);
    }

    /** {@code ln(a e^-(c+θ)t e^(b(1-x)) M(a+1, bx))}, x = e^-θt: answered after waiting longer than t, / p_N. */
    private static double logAnsweredLate(double a, double b, double c, double theta, double t) {
        double x = Math.exp(-theta * t);
        double z = b * x;
        double logM = -Math.log(a + 1);
        if (z > 0) {
            double lnZ = Math.log(z);
            LogSum m = new LogSum();
            double logTerm = logM;
            m.add(logTerm);
            for (int k = 1; k < MAX_TERMS; k++) {
                logTerm += lnZ - Math.log(a + k + 1);
                m.add(logTerm);
                if (z < a + k + 1 && logTerm < m.max() - NEGLIGIBLE) {
                    break;
                }
            }
            logM = m.value();
        }
        return Math.log(a) - (c + theta) * t + b * -Math.expm1(-theta * t) + logM;
    }

    /** A sum of positive numbers given and returned as natural logarithms. */
    static final class LogSum {
        private double max = Double.NEGATIVE_INFINITY;
        private double scaled; // Σ e^(term - max)

        void add(double logTerm) {
            if (logTerm <= max) {
                scaled += Math.exp(logTerm - max);
            } else {
                scaled = scaled * Math.exp(max - logTerm) + 1;
                max = logTerm;
            }
        }

        double max() {
            return max;
        }

        double value() {
            return max + Math.log(scaled);
        }

        static double of(double x, double y) {
            double hi = Math.max(x, y);
            return hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
        }
    }
}
