package io.darkscope.query;

import io.darkscope.analysis.fingerprint.Fingerprint;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sets.SourceSet;
import io.darkscope.store.Store;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which addresses of some IPv4 prefixes (an organisation's) were darknet sources on a day, with
 * the ports they sent to and the fingerprints they matched: exact, from the day's stored sets
 * (every part of a live day). The day's sources are looked at first, so a day without any of the
 * addresses reads no port's set.
 */
final class SourceWatch {
    private final Store store;

    SourceWatch(Store store) {
        this.store = store;
    }

    List<WatchedSource> find(List<Prefix> prefixes, LocalDate day) throws SQLException {
        RoaringBitmap inSpace = daySources(day);
        inSpace.and(space(prefixes));
        ImmutableRoaringBitmap seen = inSpace.toMutableRoaringBitmap();
        if (seen.isEmpty()) {
            return List.of();
        }
        Map<Integer, List<String>> ports = new TreeMap<>(Integer::compareUnsigned);
        Map<Integer, List<String>> fingerprints = new TreeMap<>(Integer::compareUnsigned);
        inSpace.forEach((int a) -> {
            ports.put(a, new ArrayList<>());
            fingerprints.put(a, new ArrayList<>());
        });
        try (PreparedStatement s = store.connection().prepareStatement(
                "SELECT protocol, port, sources_ipv4 FROM day_port WHERE day = ? AND port IS NOT NULL ORDER BY protocol, port")) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String port = r.getInt(2) + "/" + IpProtocol.name(r.getInt(1));
                    addTo(ports, seen, SourceSet.fromBytes(r.getBytes(3), null), port);
                }
            }
        }
        FingerprintQueries queries = new FingerprintQueries(store);
        for (Fingerprint f : Fingerprint.values()) {
            addTo(fingerprints, seen, queries.sources(f, day), f.label());
        }
        List<WatchedSource> sources = new ArrayList<>();
        ports.forEach((a, p) -> sources.add(new WatchedSource(ipv4(a), p.stream().distinct().toList(), fingerprints.get(a))));
        return sources;
    }

    private RoaringBitmap daySources(LocalDate day) throws SQLException {
        RoaringBitmap all = new RoaringBitmap();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT sources_ipv4 FROM day_totals WHERE day = ?")) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.or(SourceSet.fromBytes(r.getBytes(1), null).ipv4Bitmap());
                }
            }
        }
        return all;
    }

    private static RoaringBitmap space(List<Prefix> prefixes) {
        RoaringBitmap space = new RoaringBitmap();
        for (Prefix p : prefixes) {
            if (p.version() == 4) {
                space.add(p.firstIpv4(), p.lastIpv4() + 1);
            }
        }
        return space;
    }

    private static void addTo(Map<Integer, List<String>> lists, ImmutableRoaringBitmap seen, SourceSet set, String label) {
        if (ImmutableRoaringBitmap.intersects(set.ipv4(), seen)) {
            for (IntIterator it = ImmutableRoaringBitmap.and(set.ipv4(), seen).getIntIterator(); it.hasNext(); ) {
                lists.get(it.next()).add(label);
            }
        }
    }

    private static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }
}
