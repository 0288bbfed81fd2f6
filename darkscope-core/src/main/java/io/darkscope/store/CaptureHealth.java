package io.darkscope.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well the darknet was observed, from the windows the sensors committed: per sensor and day,
 * the share of the day a capture ran, the share of it in which nothing arrived (a silent link:
 * a capture that runs but sees no packet is as blind as one that stops), and libpcap's packets
 * received and dropped. Time between windows (a sensor stopped, crashed, restarted) is a gap.
 * Captures ingested from files say nothing about the time they do not cover, so only sensors
 * appear here.
 */
public final class CaptureHealth {
    private final Store store;

    public CaptureHealth(Store store) {
        this.store = store;
    }

    /** One sensor's day: the share of it observed (0 to 1), the share of it observed with no packet arriving, and the capture's counters. */
    public record Day(String sensor, LocalDate date, double observed, double silent, long received, long dropped, long interfaceDropped) {
    }

    /** Every sensor's days in the range (inclusive; null bounds are open), by sensor then day. */
    public List<Day> days(LocalDate from, LocalDate to) throws SQLException {
        ZoneId zone = store.zone().orElse(ZoneOffset.UTC);
        Map<String, Map<LocalDate, long[]>> sensors = new TreeMap<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT source, first, last, received, dropped, if_dropped FROM commits WHERE kind = 'stream' ORDER BY source, first")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<LocalDate, long[]> days = sensors.computeIfAbsent(r.getString(1), k -> new TreeMap<>());
                    long first = r.getLong(2);
                    long last = r.getLong(3);
                    long received = r.getLong(4);
                    spread(days, zone, first, last, received == 0);
                    long[] counters = days.computeIfAbsent(day(zone, Math.max(first, last - 1)), d -> new long[5]);
                    counters[2] += received;
                    counters[3] += r.getLong(5);
                    counters[4] += r.getLong(6);
                }
            }
        }
        List<Day> rows = new ArrayList<>();
        sensors.forEach((sensor, days) -> days.forEach((date, c) -> {
            if ((from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to))) {
                double length = (date.plusDays(1).atStartOfDay(zone).toEpochSecond() - date.atStartOfDay(zone).toEpochSecond()) * 1e9;
                rows.add(new Day(sensor, date, Math.min(1, c[0] / length), Math.min(1, c[1] / length), c[2], c[3], c[4]));
            }
        }));
        return rows;
    }

    /** Adds a window's nanoseconds to the days it covers, as observed, and as silent too if nothing arrived in it. */
    private static void spread(Map<LocalDate, long[]> days, ZoneId zone, long first, long last, boolean silent) {
        long t = first;
        while (t < last) {
            LocalDate date = day(zone, t);
            long end = Math.min(last, date.plusDays(1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L);
            long[] day = days.computeIfAbsent(date, d -> new long[5]);
            day[0] += end - t;
            day[1] += silent ? end - t : 0;
            t = end;
        }
    }

    private static LocalDate day(ZoneId zone, long nanos) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), zone);
    }
}
