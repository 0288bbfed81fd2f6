package io.darkscope.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Maps epoch seconds to days in a time zone, remembering the last day so that a lookup is two comparisons. */
public final class DayClock {
    private final ZoneId zone;
    private Day day = new Day(LocalDate.MIN, 1, 0);

    public DayClock(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The day holding {@code epochSecond}. */
    public Day dayOf(long epochSecond) {
        if (!day.contains(epochSecond)) {
            day = Day.of(zone, LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone));
        }
        return day;
    }
}
