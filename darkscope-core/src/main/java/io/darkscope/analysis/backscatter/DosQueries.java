package io.darkscope.analysis.backscatter;

import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;
import it.unimi.dsi.fastutil.longs.Long2LongAVLTreeMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DoS attacks inferred from backscatter (Moore et al., USENIX Security 2001), with CAIDA
 * RSDoS's defaults: a victim's attack ends when no backscatter comes for more than
 * {@value #TIMEOUT_SECONDS} s, and counts if it has at least {@value #MIN_PACKETS} packets, lasts
 * at least {@value #MIN_SECONDS} s from its first packet to its last, and brings at least
 * {@value #MIN_PACKETS_PER_MINUTE} packets in some minute (a window sliding by one second).
 * The attack rate is the peak backscatter rate scaled by 2^32 over the IPv4 addresses the
 * darknet monitored that day. Attacks spanning midnight are one attack.
 */
public final class DosQueries {
    public static final int TIMEOUT_SECONDS = 300;
    public static final int MIN_PACKETS = 25;
    public static final int MIN_SECONDS = 60;
    public static final int MIN_PACKETS_PER_MINUTE = 30;
    /** An attack's ports listed at most: the busiest, ties by number. */
    public static final int MAX_PORTS = 16;
    private static final long NANOS = 1_000_000_000L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Store store;

    public DosQueries(Store store) {
        this.store = store;
    }

    /**
     * A DoS attack: the victim, its first and last backscatter (in the store's time zone), the
     * packets, the duration, the peak backscatter rate (packets per second over the busiest
     * minute), the attack rate that implies, and the victim's ports that answered, busiest first.
     */
    public record DosAttack(String victim, String firstSeen, String lastSeen, long packets, double durationSeconds,
                            double peakPacketsPerSecond, double estimatedAttackPacketsPerSecond, String ports) {
    }

    /** A victim's backscatter over the range: per epoch second, packets and first and last nanosecond; per port and minute, packets. */
    private static final class Series {
        final Long2LongAVLTreeMap seconds = new Long2LongAVLTreeMap();
        final Long2LongOpenHashMap times = new Long2LongOpenHashMap();
        final Long2LongOpenHashMap portMinutes = new Long2LongOpenHashMap();
    }

    /** The attacks of the range, largest estimated rate first. */
    public List<DosAttack> attacks(LocalDate from, LocalDate to) throws SQLException {
        Map<Long, Series> victims = new HashMap<>();
        Map<LocalDate, Long> monitored = new HashMap<>();
        ZoneId zone = store.zone().orElse(ZoneOffset.UTC);
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT b.victim, b.seconds, b.ports, b.day, m.ipv4_addresses FROM day_backscatter b "
                        + "JOIN day_monitored m ON b.day = m.day WHERE b.day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Series series = victims.computeIfAbsent(r.getLong(1), v -> new Series());
                    LocalDate day = r.getObject(4, LocalDate.class);
                    add(series, day.atStartOfDay(zone).toEpochSecond(), r.getBytes(2), r.getBytes(3));
                    monitored.put(day, r.getLong(5));
                }
            }
        }
        List<DosAttack> attacks = new ArrayList<>();
        victims.forEach((victim, series) -> cut(victim, series, monitored, zone, attacks));
        attacks.sort(Comparator.comparingDouble(DosAttack::estimatedAttackPacketsPerSecond).reversed()
                .thenComparing(DosAttack::firstSeen).thenComparing(DosAttack::victim));
        return attacks;
    }

    private static void add(Series series, long dayStart, byte[] seconds, byte[] ports) {
        ByteBuffer s = ByteBuffer.wrap(seconds);
        while (s.remaining() >= 16) {
            long second = dayStart + s.getInt();
            long packets = Integer.toUnsignedLong(s.getInt());
            long times = (s.getInt() & 0xffffffffL) << 32 | (s.getInt() & 0xffffffffL);
            series.seconds.addTo(second, packets);
            long before = series.times.getOrDefault(second, -1L);
            series.times.put(second, before == -1 ? times
                    : Math.min(before >>> 32, times >>> 32) << 32 | Math.max(before & 0xffffffffL, times & 0xffffffffL));
        }
        ByteBuffer p = ByteBuffer.wrap(ports);
        while (p.remaining() >= 8) {
            int code = p.getInt();
            long minute = dayStart / 60 + DayBackscatter.minuteOf(code);
            series.portMinutes.addTo((long) DayBackscatter.portCodeOf(code) << 40 | minute, Integer.toUnsignedLong(p.getInt()));
        }
    }

    /** Cuts a victim's series where more than the timeout passes between two packets, and keeps the attacks that pass the thresholds. */
    private static void cut(long victim, Series series, Map<LocalDate, Long> monitored, ZoneId zone, List<DosAttack> out) {
        List<Long> attack = new ArrayList<>();
        long previousLast = Long.MIN_VALUE;
        for (Long2LongMap.Entry e : series.seconds.long2LongEntrySet()) {
            long second = e.getLongKey();
            long first = second * NANOS + (series.times.get(second) >>> 32);
            if (!attack.isEmpty() && first - previousLast > TIMEOUT_SECONDS * NANOS) {
                keep(victim, attack, series, monitored, zone, out);
                attack = new ArrayList<>();
            }
            attack.add(second);
            previousLast = second * NANOS + (series.times.get(second) & 0xffffffffL);
        }
        if (!attack.isEmpty()) {
            keep(victim, attack, series, monitored, zone, out);
        }
    }

    private static void keep(long victim, List<Long> seconds, Series series, Map<LocalDate, Long> monitored, ZoneId zone,
                             List<DosAttack> out) {
        long packets = 0;
        long busiestMinute = 0;
        long window = 0;
        int start = 0;
        for (int end = 0; end < seconds.size(); end++) {
            long n = series.seconds.get((long) seconds.get(end));
            packets += n;
            window += n;
            while (seconds.get(end) - seconds.get(start) >= 60) {
                window -= series.seconds.get((long) seconds.get(start++));
            }
            busiestMinute = Math.max(busiestMinute, window);
        }
        long firstSecond = seconds.get(0);
        long lastSecond = seconds.get(seconds.size() - 1);
        long first = firstSecond * NANOS + (series.times.get(firstSecond) >>> 32);
        long last = lastSecond * NANOS + (series.times.get(lastSecond) & 0xffffffffL);
        if (packets < MIN_PACKETS || last - first < MIN_SECONDS * NANOS || busiestMinute < MIN_PACKETS_PER_MINUTE) {
            return;
        }
        double peak = busiestMinute / 60.0;
        Instant firstInstant = Instant.ofEpochSecond(firstSecond, first % NANOS);
        long addresses = monitored.getOrDefault(LocalDate.ofInstant(firstInstant, zone), 0L);
        double estimated = addresses == 0 ? 0 : peak * (4_294_967_296.0 / addresses);
        out.add(new DosAttack(ipv4(victim), TIME.format(firstInstant.atZone(zone)),
                TIME.format(Instant.ofEpochSecond(lastSecond, last % NANOS).atZone(zone)), packets, (last - first) / 1e9, peak, estimated,
                ports(series, firstSecond / 60, lastSecond / 60)));
    }

    /** The victim's busiest ports between two minutes, ties by number; backscatter without a port is not listed. */
    private static String ports(Series series, long firstMinute, long lastMinute) {
        Map<Integer, Long> packets = new HashMap<>();
        for (Long2LongMap.Entry e : series.portMinutes.long2LongEntrySet()) {
            long minute = e.getLongKey() & ((1L << 40) - 1);
            int code = (int) (e.getLongKey() >>> 40);
            if (minute >= firstMinute && minute <= lastMinute && code != DayBackscatter.NO_PORT) {
                packets.merge(code, e.getLongValue(), Long::sum);
            }
        }
        return packets.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_PORTS).map(e -> Integer.toString(e.getKey())).collect(Collectors.joining(","));
    }

    private static String ipv4(long a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
