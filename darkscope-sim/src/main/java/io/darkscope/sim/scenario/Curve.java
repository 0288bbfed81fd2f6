package io.darkscope.sim.scenario;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Active sources per day: a piecewise-linear curve through dated points (zero outside them),
 * optionally with a uniform random range per day. Scenario files write it as a constant, as
 * explicit points, as a start-ramp-peak-hold-decay shape, or as a [low, high] range.
 */
public final class Curve {
    private final NavigableMap<LocalDate, Double> points;
    private final double spread;

    private Curve(NavigableMap<LocalDate, Double> points, double spread) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a curve needs at least one point");
        }
        this.points = points;
        this.spread = spread;
    }

    /** Through the given points, linearly between them, zero before the first and after the last. */
    public static Curve points(Map<LocalDate, Double> points) {
        return new Curve(new TreeMap<>(points), 0);
    }

    /** The same value every day from one date to another. */
    public static Curve constant(double value, LocalDate from, LocalDate to) {
        TreeMap<LocalDate, Double> p = new TreeMap<>();
        p.put(from, value);
        p.put(to, value);
        return points(p);
    }

    /** Uniformly between low and high each day (drawn per day), from one date to another. */
    public static Curve range(double low, double high, LocalDate from, LocalDate to) {
        if (high < low) {
            throw new IllegalArgumentException("range [" + low + ", " + high + "] is empty");
        }
        double mid = (low + high) / 2;
        TreeMap<LocalDate, Double> p = new TreeMap<>();
        p.put(from, mid);
        p.put(to, mid);
        return new Curve(p, (high - low) / 2);
    }

    /**
     * Zero at {@code start}, rising linearly to {@code peak} over {@code rampDays}, holding for
     * {@code holdDays}, then halving every {@code halfLifeDays} until {@code end}.
     */
    public static Curve shape(LocalDate start, int rampDays, double peak, int holdDays, double halfLifeDays, LocalDate end) {
        TreeMap<LocalDate, Double> p = new TreeMap<>();
        p.put(start, rampDays == 0 ? peak : 0.0);
        LocalDate top = start.plusDays(rampDays);
        p.put(top, peak);
        LocalDate decayStart = top.plusDays(holdDays);
        p.put(decayStart, peak);
        if (halfLifeDays > 0) {
            for (int d = 1; !decayStart.plusDays(d).isAfter(end); d++) {
                p.put(decayStart.plusDays(d), peak * Math.pow(0.5, d / halfLifeDays));
            }
        }
        p.put(end, p.floorEntry(end).getValue());
        return new Curve(p, 0);
    }

    /** The expected number of active sources on a day, before scaling. */
    public double on(LocalDate day, SplittableRandom random) {
        Map.Entry<LocalDate, Double> before = points.floorEntry(day);
        Map.Entry<LocalDate, Double> after = points.ceilingEntry(day);
        if (before == null || after == null) {
            return 0;
        }
        double value = before.getValue();
        long span = ChronoUnit.DAYS.between(before.getKey(), after.getKey());
        if (span > 0) {
            double t = ChronoUnit.DAYS.between(before.getKey(), day) / (double) span;
            value += t * (after.getValue() - value);
        }
        return spread == 0 ? value : value + (2 * random.nextDouble() - 1) * spread;
    }
}
