package io.darkscope.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.analysis.traffic.ProtocolClass;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.sim.model.Probe;
import io.darkscope.sim.model.Source;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.roaringbitmap.RoaringBitmap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the simulator sent on one day, counted from the packets' own fields as it crafted them:
 * packets and distinct sources per protocol class, per destination port, per tool, and per
 * country for each named port set. The reference that ingest and the detectors are checked
 * against. IPv4 sources are kept in bitmaps, IPv6 ones as text.
 */
final class DayTruth {
    private final LocalDate date;
    private final Map<String, int[]> portSets;
    private final long[] classPackets = new long[4];
    private final Sources[] classSources = new Sources[4];
    private final Sources all = new Sources();
    private final Int2LongOpenHashMap keyPackets = new Int2LongOpenHashMap();
    private final Int2ObjectOpenHashMap<Sources> keySources = new Int2ObjectOpenHashMap<>();
    private final Map<String, Tool> tools = new TreeMap<>();
    private final Map<String, Map<String, Sources>> setCountries = new LinkedHashMap<>();

    /** One tool's packets and sources of the day. */
    static final class Tool {
        long packets;
        final Sources sources = new Sources();
    }

    /** Distinct sources, exactly. */
    static final class Sources {
        final RoaringBitmap ipv4 = new RoaringBitmap();
        final Set<String> ipv6 = new HashSet<>();

        void add(Source s) {
            if (s.ipv6) {
                ipv6.add(s.ipv6High + ":" + s.ipv6Low);
            } else {
                ipv4.add(s.address);
            }
        }

        long size() {
            return ipv4.getLongCardinality() + ipv6.size();
        }
    }

    /** @param portSets named sets of traffic keys whose sources' countries are reported */
    DayTruth(LocalDate date, Map<String, int[]> portSets) {
        this.date = date;
        this.portSets = portSets;
        for (int i = 0; i < 4; i++) {
            classSources[i] = new Sources();
        }
        portSets.keySet().forEach(name -> setCountries.put(name, new TreeMap<>()));
    }

    long packets() {
        long total = 0;
        for (long n : classPackets) {
            total += n;
        }
        return total;
    }

    /**
     * Counts one packet. The source's last two keys remember what it has already been counted
     * under today, so that a bot's thousandth probe to 23/TCP costs no set insertion.
     */
    void record(Source s, Probe p, Tool tool) {
        int cls = ProtocolClass.of(p.protocol).ordinal();
        classPackets[cls]++;
        int key = TrafficKey.of(p.protocol, p.dstPort);
        keyPackets.addTo(key, 1);
        tool.packets++;
        if (s.lastKey == key || s.previousKey == key) {
            return;
        }
        s.previousKey = s.lastKey;
        s.lastKey = key;
        classSources[cls].add(s);
        all.add(s);
        keySources.computeIfAbsent(key, k -> new Sources()).add(s);
        tool.sources.add(s);
        for (Map.Entry<String, int[]> set : portSets.entrySet()) {
            for (int k : set.getValue()) {
                if (k == key) {
                    setCountries.get(set.getKey()).computeIfAbsent(s.country, c -> new Sources()).add(s);
                }
            }
        }
    }

    /** A tool's tally, looked up once per actor so that the hot loop needs no map lookup. */
    Tool tool(String name) {
        return tools.computeIfAbsent(name, t -> new Tool());
    }

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode day = f.objectNode();
        day.put("date", date.toString());
        ObjectNode packets = day.putObject("packets");
        ObjectNode sources = day.putObject("sources");
        sources.put("all", all.size());
        long total = 0;
        for (ProtocolClass c : ProtocolClass.values()) {
            packets.put(c.label(), classPackets[c.ordinal()]);
            total += classPackets[c.ordinal()];
            if (c != ProtocolClass.OTHER) {
                sources.put(c.label(), classSources[c.ordinal()].size());
            }
        }
        packets.put("total", total);
        ObjectNode ports = day.putObject("ports");
        List<Integer> keys = new ArrayList<>(keyPackets.keySet());
        keys.sort(null);
        for (int key : keys) {
            ObjectNode k = ports.putObject(TrafficKey.toString(key));
            k.put("packets", keyPackets.get(key));
            k.put("sources", keySources.get(key).size());
        }
        ObjectNode byTool = day.putObject("tools");
        tools.forEach((name, tool) -> {
            ObjectNode t = byTool.putObject(name);
            t.put("packets", tool.packets);
            t.put("sources", tool.sources.size());
        });
        ObjectNode countries = day.putObject("countries");
        setCountries.forEach((set, byCountry) -> {
            ObjectNode c = countries.putObject(set);
            byCountry.forEach((country, s) -> c.put(country, s.size()));
        });
        return day;
    }
}
