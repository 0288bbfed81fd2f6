package io.darkscope.pipeline;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A calendar day in the store's time zone, with the instants it spans: the interval every
 * analysis keeps its state in. Days are 23, 24 or 25 hours long where the zone changes clocks.
 *
 * @param startEpochSecond the first second of the day
 * @param endEpochSecond   the first second of the next day
 */
public record Day(LocalDate date, long startEpochSecond, long endEpochSecond) implements Comparable<Day> {
    /** Seconds in one slot of the fine-grained series. */
    public static final int SLOT_SECONDS = 300;

    public static Day of(ZoneId zone, LocalDate date) {
        return new Day(date, date.atStartOfDay(zone).toEpochSecond(), date.plusDays(1).atStartOfDay(zone).toEpochSecond());
    }

    public boolean contains(long epochSecond) {
        return epochSecond >= startEpochSecond && epochSecond < endEpochSecond;
    }

    /** Number of 5-minute slots (288, or 276 / 300 on days the clocks change). */
    public int slots() {
        return (int) ((endEpochSecond - startEpochSecond + SLOT_SECONDS - 1) / SLOT_SECONDS);
    }

    /** The 5-minute slot of an instant of this day. */
    public int slot(long epochSecond) {
        return (int) ((epochSecond - startEpochSecond) / SLOT_SECONDS);
    }

    @Override
    public int compareTo(Day other) {
        return date.compareTo(other.date);
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
