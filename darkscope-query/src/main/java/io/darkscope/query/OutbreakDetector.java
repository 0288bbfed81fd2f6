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
        List<Found> found = new ArrayList<>();
        int d = WARM_UP;
        while (d < days.size()) {
            int from = Math.max(0, d - WINDOW);
            double[] window = Arrays.stream(sources, from, d).asDoubleStream().toArray();
            double median = median(window);
            double threshold = threshold(window, median);
            if (sources[d] > threshold && sustained(sources, d, threshold)) {
                Found event = follow(days, sources, d, median, threshold, from);
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

    private double threshold(double[] window, double median) {
        double[] deviations = Arrays.stream(window).map(v -> Math.abs(v - median)).toArray();
        double spread = Math.max(1.4826 * median(deviations), Math.sqrt(median));
        return Math.max(Math.max(median + SPREADS * spread, RATIO * median), median + minIncrease - 1);
    }

    private static boolean sustained(long[] sources, int d, double threshold) {
        int above = 0;
        int last = Math.min(sources.length, d + 3);
        for (int i = d; i < last; i++) {
            above += sources[i] > threshold ? 1 : 0;
        }
        return above >= Math.min(SUSTAIN_DAYS, last - d);
    }

    private Found follow(List<LocalDate> days, long[] sources, int onset, double baseline, double threshold, int baselineFrom) {
        int peak = onset;
        int end = -1;
        for (int i = onset + 1; i < days.size(); i++) {
            if (sources[i] > sources[peak]) {
                peak = i;
            }
            if (sources[i] <= threshold && (i + 1 >= days.size() || sources[i + 1] <= threshold)) {
                end = i;
                break;
            }
        }
        String kind = baseline == 0 ? "new" : "rise";
        return new Found(kind, days.get(onset), days.get(peak), sources[peak], baseline, sources[peak] / Math.max(1, baseline),
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
