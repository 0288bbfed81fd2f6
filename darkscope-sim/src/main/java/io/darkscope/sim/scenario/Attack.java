package io.darkscope.sim.scenario;

import java.util.SplittableRandom;

/**
 * How the DoS attacks of a backscatter actor run (Moore et al., <i>Inferring Internet
 * Denial-of-Service Activity</i>, 2001, and CAIDA's RSDoS data: most attacks last minutes,
 * a few hours): each attack starts at a random time of its day and lasts a log-normal
 * number of minutes, during which its victim's backscatter reaches the darknet at a log-normal
 * rate, so that its packets are rate times duration. An attack may run past midnight into the
 * next days. Each victim is attacked on one service port or, less often, on several at once.
 *
 * @param medianMinutes  median duration
 * @param sigma          log-normal sigma of the duration
 * @param minMinutes     shortest duration
 * @param maxMinutes     longest duration
 * @param medianRate     median backscatter packets per second into the darknet
 * @param rateSigma      log-normal sigma of the rate
 * @param maxRate        highest rate
 * @param portsPerVictim weights of attacking 1, 2, 3... ports of a victim at once
 */
public record Attack(double medianMinutes, double sigma, double minMinutes, double maxMinutes, double medianRate, double rateSigma,
                     double maxRate, double[] portsPerVictim) {
    public Attack {
        if (!(medianMinutes > 0) || !(minMinutes > 0) || maxMinutes < minMinutes || !(medianRate > 0) || maxRate <= 0
                || sigma < 0 || rateSigma < 0) {
            throw new IllegalArgumentException("'attack' needs positive minutes and rates, min_minutes <= max_minutes");
        }
        if (portsPerVictim.length == 0) {
            throw new IllegalArgumentException("'attack.ports_per_victim' needs at least one weight");
        }
    }

    /** A duration in whole seconds, at least one. */
    public long drawSeconds(SplittableRandom random) {
        double minutes = Math.min(maxMinutes, Math.max(minMinutes, medianMinutes * Math.exp(sigma * random.nextGaussian())));
        return Math.max(1, Math.round(minutes * 60));
    }

    /** Backscatter packets per second into the darknet. */
    public double drawRate(SplittableRandom random) {
        return Math.min(maxRate, medianRate * Math.exp(rateSigma * random.nextGaussian()));
    }

    /** How many days before a day an attack that still runs on it may have started. */
    public int lookbackDays() {
        return (int) Math.ceil(maxMinutes / 1440.0) + 1;
    }
}
