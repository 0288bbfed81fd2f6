package io.darkscope.sim.scenario;

import java.util.SplittableRandom;

/**
 * How many probes an active source sends into the darknet in a day: at least one, with a
 * given mean, fixed or drawn from a Poisson, geometric or log-normal distribution.
 */
public record ProbeCount(String distribution, double mean, double sigma) {
    public ProbeCount {
        if (mean < 1) {
            throw new IllegalArgumentException("probes per source per day must average at least 1, not " + mean);
        }
        switch (distribution) {
            case "fixed", "poisson", "geometric", "lognormal" -> { }
            default -> throw new IllegalArgumentException("unknown distribution '" + distribution
                    + "' (fixed, poisson, geometric, lognormal)");
        }
    }

    public int draw(SplittableRandom random) {
        double n;
        switch (distribution) {
            case "fixed" -> n = mean;
            case "poisson" -> n = 1 + poisson(mean - 1, random);
            case "geometric" -> n = 1 + Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - 1 / mean));
            default -> {
                double mu = Math.log(mean) - sigma * sigma / 2;
                n = Math.exp(mu + sigma * random.nextGaussian());
            }
        }
        return (int) Math.max(1, Math.min(Math.round(n), 10_000_000));
    }

    private static double poisson(double lambda, SplittableRandom random) {
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }
}
