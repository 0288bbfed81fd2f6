package io.darkscope.sim;

import io.darkscope.darknet.Prefix;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.RangeTable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static io.darkscope.sim.AddressSpace.mix;

/**
 * Sources from the real address space of their country or AS, as the GeoIP data draws it, so
 * that the country tables computed from simulated captures match the scenario's mixes. "*"
 * draws a country at random, each alike (infected hosts follow people, not the size of a
 * country's address space, which would make "anywhere" mostly the United States), leaving out
 * those the scenario keeps apart ({@code anywhere_but}).
 */
public final class GeoAddressSpace implements AddressSpace {
    private final RangeTable countries;
    private final RangeTable asns;
    private final List<Prefix> darknet;
    private final Set<String> anywhereBut;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private volatile String[] elsewhere;

    /** A set of ranges to draw uniformly from. */
    private record Pool(RangeTable table, int[] ranges, long[] cumulative) {
        int draw(long hash) {
            long r = Long.remainderUnsigned(hash, cumulative[cumulative.length - 1]);
            int i = Arrays.binarySearch(cumulative, r + 1);
            i = i < 0 ? -i - 1 : i;
            long before = i == 0 ? 0 : cumulative[i - 1];
            return (int) (table.start(ranges[i]) + (r - before));
        }
    }

    public GeoAddressSpace(GeoData geo, List<Prefix> darknet, Set<String> anywhereBut) {
        this.countries = geo.countries().map(c -> c.ipv4()).orElse(null);
        this.asns = geo.asns().map(a -> a.ipv4()).orElse(null);
        this.darknet = darknet;
        this.anywhereBut = anywhereBut;
        if (countries == null) {
            throw new IllegalArgumentException("a GeoIP address space needs a country database");
        }
    }

    @Override
    public int pick(String pool, long hash) {
        if (pool.equals("*")) {
            String[] elsewhere = countriesElsewhere();
            return pick(elsewhere[(int) Long.remainderUnsigned(mix(hash ^ 0x5DEECE66DL), elsewhere.length)], hash);
        }
        Pool p = pools.computeIfAbsent(pool, this::pool);
        long h = hash;
        for (int attempt = 0; attempt < 1000; attempt++) {
            h = mix(h + 0x9E3779B97F4A7C15L);
            int address = p.draw(h);
            if (AddressSpace.usable(address, darknet)) {
                return address;
            }
        }
        throw new IllegalArgumentException("no usable source address in " + pool);
    }

    @Override
    public String countryOf(int address) {
        int label = countries.labelOf(address);
        return label < 0 ? "*" : countries.name(label);
    }

    /** Two-letter country codes with space of their own, but those kept apart; computed once. */
    private String[] countriesElsewhere() {
        String[] codes = elsewhere;
        if (codes == null) {
            codes = IntStream.range(0, countries.labelCount()).mapToObj(countries::name)
                    .filter(c -> c.length() == 2 && !anywhereBut.contains(c)).sorted().toArray(String[]::new);
            elsewhere = codes;
        }
        return codes;
    }

    private Pool pool(String name) {
        RangeTable table = AddressSpace.isAs(name) ? asns : countries;
        if (table == null) {
            throw new IllegalArgumentException("sources from " + name + " need an AS table: run 'darkscope geo fetch'");
        }
        int label = table.labelOf(name);
        if (label < 0) {
            throw new IllegalArgumentException("the GeoIP data has no addresses for " + name);
        }
        int[] r = table.rangesOf(label);
        long[] cumulative = new long[r.length];
        long total = 0;
        for (int i = 0; i < r.length; i++) {
            total += table.end(r[i]) - table.start(r[i]) + 1;
            cumulative[i] = total;
        }
        return new Pool(table, r, cumulative);
    }
}
