package io.darkscope.sim;

import io.darkscope.darknet.Prefix;
import io.darkscope.geo.AsnTable;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.RangeTable;
import io.darkscope.sim.scenario.Network;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.util.Arrays;
import java.util.HashMap;
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
 * those the scenario keeps apart ({@code anywhere_but}). With the AS table, a source of a
 * given kind of network (residential, mobile, hosting) comes from the part of its country's
 * space announced by ASes of that kind ({@link NetworkClasses}); a country without such space
 * falls back to its residential, mobile or hosting space, in that order, and one without any to
 * all of its space.
 */
public final class GeoAddressSpace implements AddressSpace {
    private static final Network[] KINDS = {Network.RESIDENTIAL, Network.MOBILE, Network.HOSTING};
    private final RangeTable countries;
    private final AsnTable asnTable;
    private final RangeTable asns;
    private final List<Prefix> darknet;
    private final Set<String> anywhereBut;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private volatile String[] elsewhere;
    private volatile Map<String, Pool[]> byNetwork;

    /** Address ranges to draw uniformly from. */
    private record Pool(long[] starts, long[] cumulative) {
        int draw(long hash) {
            long r = Long.remainderUnsigned(hash, cumulative[cumulative.length - 1]);
            int i = Arrays.binarySearch(cumulative, r + 1);
            i = i < 0 ? -i - 1 : i;
            long before = i == 0 ? 0 : cumulative[i - 1];
            return (int) (starts[i] + (r - before));
        }

        static Pool of(LongArrayList starts, LongArrayList ends) {
            long[] cumulative = new long[starts.size()];
            long total = 0;
            for (int i = 0; i < cumulative.length; i++) {
                total += ends.getLong(i) - starts.getLong(i) + 1;
                cumulative[i] = total;
            }
            return new Pool(starts.toLongArray(), cumulative);
        }
    }

    public GeoAddressSpace(GeoData geo, List<Prefix> darknet, Set<String> anywhereBut) {
        this.countries = geo.countries().map(c -> c.ipv4()).orElse(null);
        this.asnTable = geo.asns().orElse(null);
        this.asns = asnTable == null ? null : asnTable.ipv4();
        this.darknet = darknet;
        this.anywhereBut = anywhereBut;
        if (countries == null) {
            throw new IllegalArgumentException("a GeoIP address space needs a country database");
        }
    }

    @Override
    public int pick(String pool, long hash) {
        return pick(pool, Network.ANY, hash);
    }

    @Override
    public int pick(String pool, Network network, long hash) {
        if (pool.equals("*")) {
            String[] elsewhere = countriesElsewhere();
            return pick(elsewhere[(int) Long.remainderUnsigned(mix(hash ^ 0x5DEECE66DL), elsewhere.length)], network, hash);
        }
        Pool p = null;
        if (network != Network.ANY && asns != null && !AddressSpace.isAs(pool)) {
            Pool[] kinds = networkPools().get(pool);
            if (kinds != null) {
                p = kinds[network.ordinal()];
                for (int k = 0; p == null && k < KINDS.length; k++) {
                    p = kinds[k]; // residential, then mobile, then hosting: still announced space
                }
            }
        }
        if (p == null) {
            p = pools.computeIfAbsent(pool, this::pool);
        }
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
        LongArrayList starts = new LongArrayList();
        LongArrayList ends = new LongArrayList();
        for (int r : table.rangesOf(label)) {
            starts.add(table.start(r));
            ends.add(table.end(r));
        }
        return Pool.of(starts, ends);
    }

    /** Every country's space by kind of network: one walk through the country and AS ranges, both sorted; computed once. */
    private Map<String, Pool[]> networkPools() {
        Map<String, Pool[]> result = byNetwork;
        if (result != null) {
            return result;
        }
        synchronized (this) {
            if (byNetwork != null) {
                return byNetwork;
            }
            Network[] kindOfAs = new Network[asns.labelCount()];
            for (int l = 0; l < kindOfAs.length; l++) {
                String as = asns.name(l);
                kindOfAs[l] = NetworkClasses.of(Long.parseLong(as.substring(2)), asnTable.organisation(as));
            }
            int[] asLabels = new int[asns.size()];
            for (int j = 0; j < asLabels.length; j++) {
                asLabels[j] = asns.labelOf((int) asns.start(j));
            }
            Map<String, LongArrayList[]> segments = new HashMap<>();
            int j = 0;
            for (int i = 0; i < countries.size(); i++) {
                long cs = countries.start(i);
                long ce = countries.end(i);
                while (j < asns.size() && asns.end(j) < cs) {
                    j++;
                }
                String country = countries.name(countries.labelOf((int) cs));
                for (int k = j; k < asns.size() && asns.start(k) <= ce; k++) {
                    Network kind = kindOfAs[asLabels[k]];
                    if (kind == null) {
                        continue;
                    }
                    LongArrayList[] lists = segments.computeIfAbsent(country, c -> new LongArrayList[2 * KINDS.length]);
                    int slot = 2 * kind.ordinal();
                    if (lists[slot] == null) {
                        lists[slot] = new LongArrayList();
                        lists[slot + 1] = new LongArrayList();
                    }
                    lists[slot].add(Math.max(cs, asns.start(k)));
                    lists[slot + 1].add(Math.min(ce, asns.end(k)));
                }
            }
            Map<String, Pool[]> built = new HashMap<>();
            segments.forEach((country, lists) -> {
                Pool[] kinds = new Pool[KINDS.length];
                for (Network n : KINDS) {
                    int slot = 2 * n.ordinal();
                    kinds[n.ordinal()] = lists[slot] == null ? null : Pool.of(lists[slot], lists[slot + 1]);
                }
                built.put(country, kinds);
            });
            byNetwork = built;
            return built;
        }
    }
}
