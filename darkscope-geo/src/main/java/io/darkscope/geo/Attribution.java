package io.darkscope.geo;

import io.darkscope.sets.Ipv6Set;
import io.darkscope.sets.SourceSet;
import io.darkscope.analysis.traffic.TrafficRows;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who a set of sources is: how many in each country, AS, or /16 or /24 prefix. Exact: every
 * source is attributed, the database answering for the whole sorted set in one pass. Not
 * thread-safe: it keeps the country spaces it has built.
 */
public final class Attribution {
    /** How {@link #networks} groups sources. */
    public enum By {
        ASN, PREFIX16, PREFIX24;

        /** Parses "asn", "prefix" (a /24), "prefix16" or "prefix24". */
        public static By parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "asn": return ASN;
                case "prefix":
                case "prefix24": return PREFIX24;
                case "prefix16": return PREFIX16;
                default: throw new IllegalArgumentException("--by must be asn, prefix (a /24), prefix16 or prefix24");
            }
        }
    }

    private final GeoData geo;
    private final Map<String, MutableRoaringBitmap> countrySpaces = new HashMap<>();

    public Attribution(GeoData geo) {
        this.geo = geo;
    }

    /** Distinct sources per country code, largest first ("unknown" where no database knows). */
    public Map<String, Long> countries(SourceSet sources) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (geo.countries().isEmpty()) {
            counts.put(GeoData.UNKNOWN, sources.cardinality());
            return counts;
        }
        CountryDatabase db = geo.countries().get();
        RangeTable table = db.ipv4();
        long[] byLabel = table.count(sources.ipv4());
        for (int label = 0; label < table.labelCount(); label++) {
            if (byLabel[label] > 0) {
                counts.merge(table.name(label), byLabel[label], Long::sum);
            }
        }
        if (byLabel[table.labelCount()] > 0) {
            counts.merge(GeoData.UNKNOWN, byLabel[table.labelCount()], Long::sum);
        }
        forEachIpv6(sources.ipv6(), (high, low) -> counts.merge(db.countryOfIpv6(high, low), 1L, Long::sum));
        return sortedByCount(counts);
    }

    /** The seed's Table 2: the top countries, then "other" and "total" rows. */
    public List<GeoRows.Country> countryTable(SourceSet sources, int top) {
        Map<String, Long> counts = countries(sources);
        long total = sources.cardinality();
        List<GeoRows.Country> rows = new ArrayList<>();
        long shown = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (top > 0 && rows.size() == top) {
                break;
            }
            rows.add(new GeoRows.Country(e.getKey(), e.getValue(), share(e.getValue(), total)));
            shown += e.getValue();
        }
        if (total > shown) {
            rows.add(new GeoRows.Country("other", total - shown, share(total - shown, total)));
        }
        rows.add(new GeoRows.Country("total", total, total == 0 ? 0 : 1));
        return rows;
    }

    /** The IPv4 sources of one country, exactly. */
    public SourceSet inCountry(SourceSet sources, String country) {
        if (geo.countries().isEmpty()) {
            return country.equals(GeoData.UNKNOWN) ? sources : SourceSet.EMPTY;
        }
        RoaringBitmap kept = ImmutableRoaringBitmap.and(sources.ipv4(), space(country)).toRoaringBitmap();
        return SourceSet.of(kept, Ipv6Set.EMPTY);
    }

    /** A country's IPv4 space, built once per country: callers ask day after day. */
    private MutableRoaringBitmap space(String country) {
        return countrySpaces.computeIfAbsent(country.toUpperCase(Locale.ROOT), code -> {
            RangeTable table = geo.countries().orElseThrow().ipv4();
            int label = table.labelOf(code);
            RoaringBitmap space = new RoaringBitmap();
            if (label >= 0) {
                for (int range : table.rangesOf(label)) {
                    space.add(table.start(range), table.end(range) + 1);
                }
            }
            return space.toMutableRoaringBitmap();
        });
    }

    /** Per day, the distinct sources of one country (seed Figure 5). */
    public List<TrafficRows.DaySources> countrySeries(Map<LocalDate, SourceSet> sourcesByDay, String country) {
        List<TrafficRows.DaySources> rows = new ArrayList<>(sourcesByDay.size());
        sourcesByDay.forEach((day, sources) -> rows.add(new TrafficRows.DaySources(day, countIn(sources, country))));
        return rows;
    }

    /** How many of the sources are in a country: the cardinality of {@link #inCountry}, without building the set. */
    private long countIn(SourceSet sources, String country) {
        if (geo.countries().isEmpty()) {
            return inCountry(sources, country).cardinality();
        }
        RangeTable table = geo.countries().get().ipv4();
        int label = table.labelOf(country.toUpperCase(Locale.ROOT));
        return label < 0 ? 0 : table.count(sources.ipv4(), label);
    }

    /** Sources per AS or prefix, the top ones, with names and shares. */
    public List<GeoRows.Network> networks(SourceSet sources, By by, int top) {
        long total = sources.cardinality();
        List<GeoRows.Network> rows = new ArrayList<>();
        if (by == By.ASN) {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (geo.asns().isEmpty()) {
                counts.put(GeoData.UNKNOWN, total);
            } else {
                RangeTable table = geo.asns().get().ipv4();
                long[] byLabel = table.count(sources.ipv4());
                for (int label = 0; label < table.labelCount(); label++) {
                    if (byLabel[label] > 0) {
                        counts.put(table.name(label), byLabel[label]);
                    }
                }
                counts.merge(GeoData.UNKNOWN, byLabel[table.labelCount()] + sources.ipv6().size(), Long::sum);
                counts.remove(GeoData.UNKNOWN, 0L);
            }
            sortedByCount(counts).forEach((as, n) -> rows.add(new GeoRows.Network(as, organisation(as), n, share(n, total))));
        } else {
            int shift = by == By.PREFIX16 ? 16 : 8;
            Int2LongOpenHashMap counts = new Int2LongOpenHashMap();
            for (IntIterator it = sources.ipv4().getIntIterator(); it.hasNext(); ) {
                counts.addTo(it.next() >>> shift, 1);
            }
            counts.int2LongEntrySet().stream()
                    .sorted(Comparator.comparingLong((Int2LongOpenHashMap.Entry e) -> -e.getLongValue()).thenComparingInt(e -> e.getIntKey()))
                    .forEach(e -> {
                        int network = e.getIntKey() << shift;
                        rows.add(new GeoRows.Network(prefix(network, 32 - shift), asOf(network), e.getLongValue(),
                                share(e.getLongValue(), total)));
                    });
        }
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    private String organisation(String as) {
        return geo.asns().map(a -> a.organisation(as)).orElse("");
    }

    /** The country of an IPv4 address, or "unknown". */
    public String countryOf(int address) {
        if (geo.countries().isEmpty()) {
            return GeoData.UNKNOWN;
        }
        RangeTable table = geo.countries().get().ipv4();
        int label = table.labelOf(address);
        return label < 0 ? GeoData.UNKNOWN : table.name(label);
    }

    /** "AS4713 NTT Communications" for the AS holding an address, or "unknown". */
    public String asOf(int address) {
        if (geo.asns().isEmpty()) {
            return GeoData.UNKNOWN;
        }
        RangeTable table = geo.asns().get().ipv4();
        int label = table.labelOf(address);
        if (label < 0) {
            return GeoData.UNKNOWN;
        }
        String as = table.name(label);
        String name = organisation(as);
        return name.isEmpty() ? as : as + " " + name;
    }

    private static String prefix(int network, int length) {
        return (network >>> 24) + "." + ((network >>> 16) & 255) + "." + ((network >>> 8) & 255) + "." + (network & 255) + "/" + length;
    }

    private static double share(long n, long total) {
        return total == 0 ? 0 : n / (double) total;
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private interface Ipv6Consumer {
        void accept(long high, long low) throws IOException;
    }

    private static void forEachIpv6(Ipv6Set set, Ipv6Consumer consumer) {
        ByteBuffer bytes = ByteBuffer.wrap(set.toBytes());
        try {
            while (bytes.hasRemaining()) {
                consumer.accept(bytes.getLong(), bytes.getLong());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the country database", e);
        }
    }
}
