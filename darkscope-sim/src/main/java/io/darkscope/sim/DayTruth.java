package io.darkscope.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.analysis.traffic.ProtocolClass;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.TcpFlags;
import io.darkscope.sim.model.Probe;
import io.darkscope.sim.model.Source;
import io.darkscope.sim.model.SpoofKind;
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

import static io.darkscope.decode.Bytes.i32;
import static io.darkscope.decode.Bytes.u16;

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
    private final Map<String, Tool> actors = new LinkedHashMap<>();
    private final Map<String, Tool> surveys = new TreeMap<>();
    private final long[] spoofPackets = new long[KINDS.length];
    private final RoaringBitmap[] spoofSources = new RoaringBitmap[KINDS.length];
    private final Int2ObjectOpenHashMap<RoaringBitmap[]> hourly = new Int2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<Scan> scans = new Int2ObjectOpenHashMap<>();
    private static final SpoofKind[] KINDS = SpoofKind.values();
    private static final int IP = 14;
    private static final int L4 = IP + 20;
    private static final int URG = 0x20;
    private static final int SIX_FLAGS = TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.PSH | TcpFlags.ACK | URG;

    /** One scan session's packets of the day. */
    static final class Scan {
        int address;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long packets;
        final RoaringBitmap destinations = new RoaringBitmap();
    }

    /** One tool's packets and sources of the day. */
    static final class Tool {
        long packets;
        final Sources sources = new Sources();
    }

    /** Distinct sources, exactly. */
    static final class Sources {
        final RoaringBitmap ipv4 = new RoaringBitmap();
        Set<String> ipv6;

        void add(Source s) {
            if (s.ipv6) {
                if (ipv6 == null) {
                    ipv6 = new HashSet<>();
                }
                ipv6.add(s.ipv6High + ":" + s.ipv6Low);
            } else {
                ipv4.add(s.address);
            }
        }

        long size() {
            return ipv4.getLongCardinality() + (ipv6 == null ? 0 : ipv6.size());
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
        for (int k = 0; k < KINDS.length; k++) {
            spoofSources[k] = new RoaringBitmap();
        }
    }

    LocalDate date() {
        return date;
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
    void record(Source s, Probe p, Tool tool, Tool actor, Tool survey) {
        int cls = ProtocolClass.of(p.protocol).ordinal();
        classPackets[cls]++;
        int key = TrafficKey.of(p.protocol, p.dstPort);
        keyPackets.addTo(key, 1);
        tool.packets++;
        actor.packets++;
        if (survey != null) {
            survey.packets++;
        }
        if (s.lastKey == key || s.previousKey == key) {
            return;
        }
        actor.sources.add(s);
        if (survey != null) {
            survey.sources.add(s);
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

    /**
     * Counts the kinds of spoofed-looking packet ({@link SpoofKind}) an IPv4 Ethernet frame of
     * the simulator's (no VLAN tag, no IP options) is, from its bytes as written. An ordinary
     * SYN, most of a darknet's packets, costs a handful of reads.
     */
    void inspect(byte[] f) {
        int source = i32(f, IP + 12);
        int destination = i32(f, IP + 16);
        int last = source & 0xff;
        if (last == 0 || last == 0xff) {
            spoof(SpoofKind.SOURCE_NET_OR_BROADCAST, source);
        }
        if (source == destination) {
            spoof(SpoofKind.SOURCE_EQUALS_DESTINATION, source);
        }
        int ttl = f[IP + 8] & 0xff;
        if ((u16(f, IP + 6) & 0x1fff) != 0) {
            spoof(SpoofKind.LATER_FRAGMENT, source);
            if (ttl >= 200) {
                spoof(SpoofKind.HIGH_TTL, source);
            }
            return;
        }
        int protocol = f[IP + 9];
        if (protocol != IpProtocol.TCP) {
            if (protocol == IpProtocol.UDP) {
                int ports = i32(f, L4);
                if ((ports & 0xffff0000) == 0 || (ports & 0xffff) == 0) {
                    spoof(SpoofKind.PORT_ZERO, source);
                }
            }
            if (ttl >= 200) {
                spoof(SpoofKind.HIGH_TTL, source);
            }
            return;
        }
        int ports = i32(f, L4);
        if ((ports & 0xffff0000) == 0 || (ports & 0xffff) == 0) {
            spoof(SpoofKind.PORT_ZERO, source);
        }
        int flags = f[L4 + 13] & SIX_FLAGS;
        if (ttl >= 200 && !((flags & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN
                && u16(f, IP + 4) == ((destination ^ ports ^ i32(f, L4 + 4)) & 0xffff))) {
            spoof(SpoofKind.HIGH_TTL, source); // not masscan's IP ID
        }
        if (flags == TcpFlags.SYN || flags == (TcpFlags.SYN | TcpFlags.ACK)) {
            return;
        }
        if (flags == SIX_FLAGS) {
            spoof(SpoofKind.ALL_FLAGS, source);
        } else if ((flags & (TcpFlags.SYN | TcpFlags.FIN)) == (TcpFlags.SYN | TcpFlags.FIN)) {
            spoof(SpoofKind.SYN_FIN, source);
        } else if ((flags & (TcpFlags.SYN | TcpFlags.RST)) == (TcpFlags.SYN | TcpFlags.RST)) {
            spoof(SpoofKind.SYN_RST, source);
        } else if (flags == 0) {
            spoof(SpoofKind.NO_FLAGS, source);
        }
    }

    private void spoof(SpoofKind kind, int source) {
        spoofPackets[kind.ordinal()]++;
        spoofSources[kind.ordinal()].add(source);
    }

    /** A destination of a source followed hour by hour (hour 0 starts at midnight, local time). */
    void hour(int source, int destination, int hour) {
        RoaringBitmap[] hours = hourly.computeIfAbsent(source, x -> new RoaringBitmap[25]);
        if (hours[hour] == null) {
            hours[hour] = new RoaringBitmap();
        }
        hours[hour].add(destination);
    }

    /** Distinct destinations per hour of the day (index 0 from midnight) of each source followed hour by hour. */
    Int2ObjectOpenHashMap<RoaringBitmap[]> hourly() {
        return hourly;
    }

    /** A packet of scan session {@code session}. */
    void scan(int session, int source, int destination, long nanos) {
        Scan scan = scans.computeIfAbsent(session, x -> new Scan());
        scan.address = source;
        scan.first = Math.min(scan.first, nanos);
        scan.last = Math.max(scan.last, nanos);
        scan.packets++;
        scan.destinations.add(destination);
    }

    /** The scan sessions that sent today, by id. */
    Int2ObjectOpenHashMap<Scan> scans() {
        return scans;
    }

    /** The sources of a survey scanner today. */
    RoaringBitmap surveySources(String scanner) {
        Tool t = surveys.get(scanner);
        return t == null ? new RoaringBitmap() : t.sources.ipv4;
    }

    /** An actor's tally, looked up once per actor. */
    Tool actor(String name) {
        return actors.computeIfAbsent(name, t -> new Tool());
    }

    /** A survey scanner's tally, looked up once per actor. */
    Tool survey(String scanner) {
        return surveys.computeIfAbsent(scanner, t -> new Tool());
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
        tallies(day.putObject("actors"), actors);
        tallies(day.putObject("survey"), surveys);
        ObjectNode spoofed = day.putObject("spoofed_looking");
        for (SpoofKind k : KINDS) {
            ObjectNode n = spoofed.putObject(k.label());
            n.put("packets", spoofPackets[k.ordinal()]);
            n.put("sources", spoofSources[k.ordinal()].getLongCardinality());
        }
        return day;
    }

    private static void tallies(ObjectNode node, Map<String, Tool> tallies) {
        tallies.forEach((name, tool) -> {
            if (tool.packets > 0) {
                ObjectNode t = node.putObject(name);
                t.put("packets", tool.packets);
                t.put("sources", tool.sources.size());
            }
        });
    }
}
