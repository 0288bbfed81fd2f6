package io.darkscope.analysis.traffic;

import io.darkscope.sets.SourceSet;

/** Packets and distinct sources of one day for one (protocol, destination port) key. Immutable. */
public record KeyTraffic(long packets, SourceSet sources) {
    /** This and {@code other}, of the same day and key, together. */
    public KeyTraffic merge(KeyTraffic other) {
        return new KeyTraffic(packets + other.packets, sources.union(other.sources));
    }
}
