package org.switchboard.routing.internal.staffing;

/**
 * Erlang B (blocking probability of M/M/N/N), computed with the standard recursion
 * {@code 1/B(n) = 1 + (n/A) * 1/B(n-1)}, {@code B(0) = 1}, kept in logarithms so that neither large nor
 * lightly loaded groups overflow.
 */
final class ErlangB {

    private ErlangB() {}

    /** {@code ln(1/B(n))} for the next {@code n} from {@code ln(1/B(n-1))}. */
    static double nextLogInverse(double previousLogInverse, int n, double erlangs) {
        double scaled = Math.log(n / erlangs) + previousLogInverse;
        return scaled + Math.log1p(Math.exp(-scaled));
    }

    /** {@code ln(1/B(agents))} for an offered load in Erlangs. */
    static double logInverse(int agents, double erlangs) {
        double logInverse = 0;
        for (int n = 1; n <= agents; n++) {
            logInverse = nextLogInverse(logInverse, n, erlangs);
        }
        return logInverse;
    }

    static double blocking(int agents, double erlangs) {
        return Math.exp(-logInverse(agents, erlangs));
    }
}
