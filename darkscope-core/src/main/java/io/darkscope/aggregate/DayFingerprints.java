package io.darkscope.aggregate;

import io.darkscope.classify.Fingerprint;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

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
        states.get(Rule.MIRAI).mergeLong(source, SourceStates.miraiFirst(ipId), SourceStates::miraiMerge);
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
        Map<Fingerprint, Tally> tallies = new EnumMap<>(Fingerprint.class);
        for (Fingerprint f : Fingerprint.values()) {
            tallies.put(f, new Tally());
        }
        Int2LongOpenHashMap mirai = states.get(Rule.MIRAI);
        for (int source : SourceStates.sortedSources(mirai)) {
            long state = mirai.get(source);
            long n = SourceStates.miraiPackets(state);
            Fingerprint variant = SourceStates.miraiVaried(state) ? Fingerprint.MIRAI_LEAKED
                    : n >= Fingerprint.MINIMUM_EVIDENCE ? Fingerprint.MIRAI_EARLY : Fingerprint.MIRAI_UNDETERMINED;
            tallies.get(Fingerprint.MIRAI).add(source, n);
            tallies.get(variant).add(source, n);
        }
        evidence(Rule.ZMAP, tallies.get(Fingerprint.ZMAP));
        evidence(Rule.MASSCAN, tallies.get(Fingerprint.MASSCAN));
        Map<Fingerprint, Result> results = new EnumMap<>(Fingerprint.class);
        tallies.forEach((f, t) -> results.put(f, new Result(t.packets, t.sources.get())));
        return results;
    }

    private void evidence(Rule rule, Tally tally) {
        Int2LongOpenHashMap map = states.get(rule);
        for (int source : SourceStates.sortedSources(map)) {
            long state = map.get(source);
            if (SourceStates.matches(state) >= Fingerprint.MINIMUM_EVIDENCE && SourceStates.mismatches(state) == 0) {
                tally.add(source, SourceStates.matches(state));
            }
        }
    }

    /** Packets and sources of one fingerprint; sources arrive in ascending order. */
    private static final class Tally {
        private final RoaringBitmapWriter<RoaringBitmap> sources = RoaringBitmapWriter.writer().get();
        private long packets;

        void add(int source, long n) {
            packets += n;
            sources.add(source);
        }
    }
}
