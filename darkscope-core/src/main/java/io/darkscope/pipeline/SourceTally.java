package io.darkscope.pipeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pipeline made of one source's frames (a file, a live capture's interval): darknet
 * packets, frames skipped by reason, link types it could not decode. Workers add to it once per batch.
 */
public final class SourceTally {
    private long darknet;
    private final long[] byProtocol = new long[256];
    private final long[] skipped = new long[SkipReason.values().length];
    private final Set<Integer> unsupportedLinkTypes = new TreeSet<>();

    synchronized void add(long[] darknetByProtocol, long[] skippedByReason, Set<Integer> linkTypes) {
        for (int p = 0; p < 256; p++) {
            darknet += darknetByProtocol[p];
            byProtocol[p] += darknetByProtocol[p];
        }
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] += skippedByReason[i];
        }
        unsupportedLinkTypes.addAll(linkTypes);
    }

    /** Packets to a monitored destination, counted by the analyses. */
    public synchronized long darknet() {
        return darknet;
    }

    /** Darknet packets of one IP protocol. */
    public synchronized long darknet(int protocol) {
        return byProtocol[protocol];
    }

    public synchronized long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    /** Frames skipped, by reason (every reason present). */
    public synchronized Map<SkipReason, Long> skipped() {
        Map<SkipReason, Long> map = new EnumMap<>(SkipReason.class);
        for (SkipReason r : SkipReason.values()) {
            map.put(r, skipped[r.ordinal()]);
        }
        return map;
    }

    public synchronized Set<Integer> unsupportedLinkTypes() {
        return Set.copyOf(unsupportedLinkTypes);
    }
}
