package org.switchboard.routing.internal.simulation;

import java.util.SplittableRandom;

/** How long agents take per contact: a distribution with a given mean (seconds). */
public sealed interface HandleTime {

    double meanSeconds();

    double draw(SplittableRandom random);

    /** Exponential: the M/M/N assumption of Erlang C and A. */
    record Exponential(double meanSeconds) implements HandleTime {
        @Override
        public double draw(SplittableRandom random) {
            return -meanSeconds * Math.log(1 - random.nextDouble());
        }
    }

    /** Every contact takes exactly the mean. */
    record Deterministic(double meanSeconds) implements HandleTime {
        @Override
        public double draw(SplittableRandom random) {
            return meanSeconds;
        }
    }

    /**
     * Lognormal with the given mean and standard deviation (seconds): {@code σ² = ln(1 + sd²/mean²)},
     * {@code μ = ln(mean) − σ²/2}.
     */
    record LogNormal(double meanSeconds, double sdSeconds) implements HandleTime {
        @Override
        public double draw(SplittableRandom random) {
            double variance = Math.log1p((sdSeconds * sdSeconds) / (meanSeconds * meanSeconds));
            double mu = Math.log(meanSeconds) - variance / 2;
            return Math.exp(mu + Math.sqrt(variance) * random.nextGaussian());
        }
    }
}
