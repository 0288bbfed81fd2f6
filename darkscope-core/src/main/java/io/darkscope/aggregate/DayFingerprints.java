package io.darkscope.aggregate;

import io.darkscope.classify.Fingerprint;
import it.unimi.dsi.fastutil.ints.Int2LongMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import org.roaringbitmap.RoaringBitmap;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The scanner fingerprints of one day, kept as per-source state so that a day's files merge
 * exactly (whether a Mirai source's IP ID varied is known only from all its packets): Mirai
 * sources, and the sources with evidence for ZMap and for masscan. {@link #results} turns the
 * state into each fingerprint's packets and sources.
 */
public final class DayFingerprints {
    /** The state kept per rule; the names are what the store calls them. */
    public enum Rule { MIRAI, ZMAP, MASSCAN }

    private final LocalDate date;
    private final EnumMap<Rule, Int2LongOpenHashMap> states = new EnumMap<>(Rule.class);

    public DayFingerprints(LocalDate date) {
        this.date = date;
        for (Rule r : Rule.values()) {
            states.put(r, new Int2LongOpenHashMap());
        }
    }

    public LocalDate date() {
        return date;
    }

    /** One rule's per-source state. */
    public Int2LongOpenHashMap state(Rule rule) {
        return states.get(rule);
    }

    void mirai(int source, int ipId) {
        Int2LongOpenHashMap mirai = states.get(Rule.MIRAI);
        long before = mirai.get(source);
        mirai.put(source, before == 0 ? SourceStates.miraiFirst(ipId) : SourceStates.miraiAdd(before, ipId));
    }

    void evidence(Rule rule, int source, boolean match) {
        Int2LongOpenHashMap map = states.get(rule);
        if (match) {
            map.addTo(source, SourceStates.MATCH);
        } else if (map.containsKey(source)) {
            map.addTo(source, SourceStates.MISMATCH);
        }
    }

    /** Adds {@code other}, of the same day, into this one and returns this. */
    public DayFingerprints merge(DayFingerprints other) {
        SourceStates.merge(states.get(Rule.MIRAI), other.states.get(Rule.MIRAI), SourceStates::miraiMerge);
        SourceStates.merge(states.get(Rule.ZMAP), other.states.get(Rule.ZMAP), SourceStates::evidenceMerge);
        SourceStates.merge(states.get(Rule.MASSCAN), other.states.get(Rule.MASSCAN), SourceStates::evidenceMerge);
        return this;
    }

    /** A fingerprint's packets and sources on this day. */
    public record Result(long packets, RoaringBitmap sources) {
    }

    /** Every fingerprint's packets and sources, decided from the state. */
    public Map<Fingerprint, Result> results() {
        Map<Fingerprint, long[]> packets = new EnumMap<>(Fingerprint.class);
        Map<Fingerprint, RoaringBitmap> sources = new EnumMap<>(Fingerprint.class);
        for (Fingerprint f : Fingerprint.values()) {
            packets.put(f, new long[1]);
            sources.put(f, new RoaringBitmap());
        }
        for (Int2LongMap.Entry e : states.get(Rule.MIRAI).int2LongEntrySet()) {
            long n = SourceStates.miraiPackets(e.getLongValue());
            Fingerprint variant = SourceStates.miraiVaried(e.getLongValue()) ? Fingerprint.MIRAI_LEAKED
                    : n >= Fingerprint.MINIMUM_EVIDENCE ? Fingerprint.MIRAI_EARLY : Fingerprint.MIRAI_UNDETERMINED;
            count(packets, sources, Fingerprint.MIRAI, e.getIntKey(), n);
            count(packets, sources, variant, e.getIntKey(), n);
        }
        evidence(Rule.ZMAP, Fingerprint.ZMAP, packets, sources);
        evidence(Rule.MASSCAN, Fingerprint.MASSCAN, packets, sources);
        Map<Fingerprint, Result> results = new EnumMap<>(Fingerprint.class);
        packets.forEach((f, n) -> results.put(f, new Result(n[0], sources.get(f))));
        return results;
    }

    private void evidence(Rule rule, Fingerprint f, Map<Fingerprint, long[]> packets, Map<Fingerprint, RoaringBitmap> sources) {
        for (Int2LongMap.Entry e : states.get(rule).int2LongEntrySet()) {
            long state = e.getLongValue();
            if (SourceStates.matches(state) >= Fingerprint.MINIMUM_EVIDENCE && SourceStates.mismatches(state) == 0) {
                count(packets, sources, f, e.getIntKey(), SourceStates.matches(state));
            }
        }
    }

    private static void count(Map<Fingerprint, long[]> packets, Map<Fingerprint, RoaringBitmap> sources, Fingerprint f, int source, long n) {
        packets.get(f)[0] += n;
        sources.get(f).add(source);
    }
}
