package io.darkscope.query;

import io.darkscope.aggregate.DayBackscatter;
import io.darkscope.store.Store;
import it.unimi.dsi.fastutil.ints.Int2IntAVLTreeMap;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.IntAVLTreeSet;
import it.unimi.dsi.fastutil.ints.IntSortedSet;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DoS attacks inferred from backscatter (Moore et al., USENIX Security 2001), with CAIDA
 * RSDoS's defaults: a victim's attack ends after {@value #TIMEOUT_SECONDS} s without
 * backscatter, and counts if it has at least {@value #MIN_PACKETS} packets, lasts at least
 * {@value #MIN_SECONDS} s, and brings at least {@value #MIN_PACKETS_PER_MINUTE} packets in some
 * 60-second window (sliding by 10 s). The attack rate is the peak backscatter rate scaled by
 * 2^32 over the IPv4 addresses the darknet monitored that day.
 */
public final class DosQueries {
    public static final int TIMEOUT_SECONDS = 300;
    public static final int MIN_PACKETS = 25;
    public static final int MIN_SECONDS = 60;
    public static final int MIN_PACKETS_PER_MINUTE = 30;
    private static final int WINDOW = 60 / DayBackscatter.BUCKET_SECONDS;

    private final Store store;

    public DosQueries(Store store) {
        this.store = store;
    }

    /** A victim's backscatter over the range. */
    private static final class Series {
        final Int2IntAVLTreeMap buckets = new Int2IntAVLTreeMap();
        final IntSortedSet ports = new IntAVLTreeSet();
    }

    /** The attacks of the range, largest estimated rate first. */
    public List<Rows.DosAttack> attacks(LocalDate from, LocalDate to) throws SQLException {
        Map<Long, Series> victims = new HashMap<>();
        Map<LocalDate, Long> monitored = new HashMap<>();
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT b.victim, b.buckets, b.ports, t.day, t.monitored_ipv4 FROM day_backscatter b JOIN day_totals t ON b.day = t.day "
                        + "WHERE b.day BETWEEN ? AND ?")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Series series = victims.computeIfAbsent(r.getLong(1), v -> new Series());
                    ByteBuffer b = ByteBuffer.wrap(r.getBytes(2));
                    while (b.remaining() >= 8) {
                        series.buckets.addTo(b.getInt(), b.getInt());
                    }
                    String ports = r.getString(3);
                    if (ports != null && !ports.isEmpty()) {
                        for (String p : ports.split(",")) {
                            series.ports.add(Integer.parseInt(p));
                        }
                    }
                    monitored.put(r.getObject(4, LocalDate.class), r.getLong(5));
                }
            }
        }
        List<Rows.DosAttack> attacks = new ArrayList<>();
        victims.forEach((victim, series) -> cut(victim, series, monitored, attacks));
        attacks.sort(Comparator.comparingDouble(Rows.DosAttack::estimatedAttackPacketsPerSecond).reversed()
                .thenComparing(Rows.DosAttack::firstSeen));
        return attacks;
    }

    /** Cuts a victim's series at quiet gaps and keeps the pieces that pass the thresholds. */
    private static void cut(long victim, Series series, Map<LocalDate, Long> monitored, List<Rows.DosAttack> out) {
        List<int[]> attack = new ArrayList<>();
        int previous = Integer.MIN_VALUE;
        for (Int2IntMap.Entry e : series.buckets.int2IntEntrySet()) {
            if (!attack.isEmpty() && (long) e.getIntKey() - previous > TIMEOUT_SECONDS / DayBackscatter.BUCKET_SECONDS) {
                keep(victim, attack, series, monitored, out);
                attack = new ArrayList<>();
            }
            attack.add(new int[] {e.getIntKey(), e.getIntValue()});
            previous = e.getIntKey();
        }
        if (!attack.isEmpty()) {
            keep(victim, attack, series, monitored, out);
        }
    }

    private static void keep(long victim, List<int[]> buckets, Series series, Map<LocalDate, Long> monitored, List<Rows.DosAttack> out) {
        long packets = buckets.stream().mapToLong(b -> b[1]).sum();
        long first = (long) buckets.get(0)[0] * DayBackscatter.BUCKET_SECONDS;
        long last = (long) buckets.get(buckets.size() - 1)[0] * DayBackscatter.BUCKET_SECONDS + DayBackscatter.BUCKET_SECONDS;
        long busiestMinute = 0;
        int start = 0;
        long window = 0;
        for (int end = 0; end < buckets.size(); end++) {
            window += buckets.get(end)[1];
            while (buckets.get(end)[0] - buckets.get(start)[0] >= WINDOW) {
                window -= buckets.get(start++)[1];
            }
            busiestMinute = Math.max(busiestMinute, window);
        }
        if (packets < MIN_PACKETS || last - first < MIN_SECONDS || busiestMinute < MIN_PACKETS_PER_MINUTE) {
            return;
        }
        double peak = busiestMinute / 60.0;
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(first), ZoneOffset.UTC);
        long addresses = monitored.getOrDefault(day, monitored.values().stream().findFirst().orElse(0L));
        double estimated = addresses == 0 ? 0 : peak * (4_294_967_296.0 / addresses);
        out.add(new Rows.DosAttack(ipv4(victim), Instant.ofEpochSecond(first).toString(), Instant.ofEpochSecond(last).toString(), packets,
                last - first, peak, estimated, series.ports.intStream().mapToObj(Integer::toString).collect(Collectors.joining(","))));
    }

    private static String ipv4(long a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
