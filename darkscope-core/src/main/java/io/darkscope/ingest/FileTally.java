package io.darkscope.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the workers made of one file's records; workers add to it once per batch. */
final class FileTally {
    private long darknet;
    private final long[] skipped = new long[SkipReason.values().length];
    private final Set<Integer> unsupportedLinkTypes = new TreeSet<>();

    synchronized void add(long darknetPackets, long[] skippedByReason, Set<Integer> linkTypes) {
        darknet += darknetPackets;
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] += skippedByReason[i];
        }
        unsupportedLinkTypes.addAll(linkTypes);
    }

    synchronized long darknet() {
        return darknet;
    }

    synchronized Map<SkipReason, Long> skipped() {
        Map<SkipReason, Long> map = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            map.put(r, skipped[r.ordinal()]);
        }
        return map;
    }

    synchronized Set<Integer> unsupportedLinkTypes() {
        return Set.copyOf(unsupportedLinkTypes);
    }
}
