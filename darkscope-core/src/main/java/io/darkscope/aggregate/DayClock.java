package io.darkscope.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Maps epoch seconds to days in a time zone, remembering the last day so that a lookup is two comparisons. */
public final class DayClock {
    private final ZoneId zone;
    private long start = 1;
    private long end = 0;
    private LocalDate date;

    public DayClock(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Moves to the day holding {@code epochSecond}; returns true if that is a different day than before. */
    public boolean moveTo(long epochSecond) {
        if (epochSecond >= start && epochSecond < end) {
            return false;
        }
        date = LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
        start = date.atStartOfDay(zone).toEpochSecond();
        end = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
        return true;
    }

    public boolean contains(long epochSecond) {
        return epochSecond >= start && epochSecond < end;
    }

    public LocalDate date() {
        return date;
    }

    public long startEpochSecond() {
        return start;
    }

    public long endEpochSecond() {
        return end;
    }

    /** Number of 5-minute slots in the current day. */
    public int slots() {
        return (int) ((end - start + DayTraffic.SLOT_SECONDS - 1) / DayTraffic.SLOT_SECONDS);
    }

    /** Start and length of any day in this zone, as a fresh clock positioned on it. */
    public static DayClock at(ZoneId zone, LocalDate date) {
        DayClock clock = new DayClock(zone);
        clock.moveTo(date.atStartOfDay(zone).toEpochSecond());
        return clock;
    }
}
