package io.darkscope.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds outbreaks in a daily series of distinct sources: the onset is the first day of a
 * sustained rise above a robust trailing baseline (the median of the previous
 * {@value #WINDOW} days, with a spread of 1.4826 median absolute deviations, never less than
 * the square root of the median, as counts go); a series with nothing in its baseline that
 * starts is an outbreak of something new. Then the peak, the growth (peak over baseline) and
 * the end (the first day back below the threshold). The rise must hold on at least
 * {@value #SUSTAIN_DAYS} of the first 3 days, and bring at least {@code minIncrease} sources.
 * <p>
 * A part of a whole (a country's sources on a port) is judged against the whole's movement
 * instead: its baseline on a day is its usual share of the whole (the median share over the
 * trailing days) times the whole that day, its spread that of its departures from that share; so
 * a country that rises with a global outbreak stays at its baseline, and one that departs from it
 * is dated by its excess. A series alone is the part of a whole that is 1 every day.
 */
final class OutbreakDetector {
    /** Days of trailing baseline. */
    public static final int WINDOW = 14;
    /** Days of history needed before a rise can be judged. */
    public static final int WARM_UP = 7;
    /** Spreads above the baseline a day must be. */
    public static final double SPREADS = 6;
    /** Times the baseline a day must be. */
    public static final double RATIO = 2;
    /** Days of the first three that must stay above the threshold. */
    public static final int SUSTAIN_DAYS = 2;

    private final long minIncrease;

    /** @param minIncrease the fewest extra sources that make an event, against noise at small scales */
    public OutbreakDetector(long minIncrease) {
        this.minIncrease = minIncrease;
    }

    /** An outbreak found in a series; {@code end} is null while it lasts. */
    public record Found(String kind, LocalDate onset, LocalDate peakDate, long peakSources, double baseline, double growth,
                        LocalDate end, List<LocalDate> baselineDays) {
    }

    /** The outbreaks of one series: consecutive days and their distinct sources. */
    public List<Found> detect(List<LocalDate> days, long[] sources) {
        long[] ones = new long[sources.length];
        Arrays.fill(ones, 1);
        return detect(days, sources, ones);
    }

    /** The outbreaks of a part ({@code sources}) beyond what the whole's movement ({@code whole}, day by day) predicts. */
    public List<Found> detect(List<LocalDate> days, long[] sources, long[] whole) {
        if (Arrays.stream(sources).max().orElse(0) < minIncrease) {
            return List.of(); // no day can pass a threshold of at least minIncrease: most countries of most ports
        }
        List<Found> found = new ArrayList<>();
        int d = WARM_UP;
        while (d < days.size()) {
            int from = Math.max(0, d - WINDOW);
            Baseline baseline = baseline(sources, whole, from, d);
            if (sources[d] > baseline.threshold(whole[d]) && sustained(sources, whole, d, baseline)) {
                Found event = follow(days, sources, whole, d, baseline, from);
                found.add(event);
                if (event.end() == null) {
                    break;
                }
                d = days.indexOf(event.end()) + 1;
            } else {
                d++;
            }
        }
        return found;
    }

    /** The part's usual share of the whole over the days {@code from} to {@code to} (excluded), and the spread of its departures. */
    private Baseline baseline(long[] sources, long[] whole, int from, int to) {
        double[] shares = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (whole[i] > 0) {
                shares[n++] = (double) sources[i] / whole[i];
            }
        }
        double share = median(Arrays.copyOf(shares, n));
        double[] deviations = new double[to - from];
        for (int i = from; i < to; i++) {
            deviations[i - from] = Math.abs(sources[i] - share * whole[i]);
        }
        return new Baseline(share, 1.4826 * median(deviations), minIncrease);
    }

    /** A part's share of the whole, the spread of its departures from it, and the fewest extra sources of an event. */
    private record Baseline(double share, double spread, long minIncrease) {
        double expected(long whole) {
            return share * whole;
        }

        double threshold(long whole) {
            double expected = expected(whole);
            double spread = Math.max(spread(), Math.sqrt(expected));
            return Math.max(Math.max(expected + SPREADS * spread, RATIO * expected), expected + minIncrease() - 1);
        }
    }

    private static boolean sustained(long[] sources, long[] whole, int d, Baseline baseline) {
        int above = 0;
        int last = Math.min(sources.length, d + 3);
        for (int i = d; i < last; i++) {
            above += sources[i] > baseline.threshold(whole[i]) ? 1 : 0;
        }
        return above >= Math.min(SUSTAIN_DAYS, last - d);
    }

    private Found follow(List<LocalDate> days, long[] sources, long[] whole, int onset, Baseline baseline, int baselineFrom) {
        int peak = onset;
        int end = -1;
        for (int i = onset + 1; i < days.size(); i++) {
            if (sources[i] - baseline.expected(whole[i]) > sources[peak] - baseline.expected(whole[peak])) {
                peak = i;
            }
            if (sources[i] <= baseline.threshold(whole[i]) && (i + 1 >= days.size() || sources[i + 1] <= baseline.threshold(whole[i + 1]))) {
                end = i;
                break;
            }
        }
        double expected = baseline.expected(whole[peak]);
        String kind = baseline.share() == 0 ? "new" : "rise";
        return new Found(kind, days.get(onset), days.get(peak), sources[peak], expected, sources[peak] / Math.max(1, expected),
                end < 0 ? null : days.get(end), days.subList(baselineFrom, onset));
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
