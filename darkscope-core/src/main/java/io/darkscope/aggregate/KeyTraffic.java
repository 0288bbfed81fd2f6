package io.darkscope.aggregate;

/** Packets and distinct sources of one day for one (protocol, destination port) key. */
public final class KeyTraffic {
    private long packets;
    private final SourceSet sources;

    public KeyTraffic(long packets, SourceSet sources) {
        this.packets = packets;
        this.sources = sources;
    }

    public long packets() {
        return packets;
    }

    public SourceSet sources() {
        return sources;
    }

    void merge(KeyTraffic other) {
        packets += other.packets;
        sources.or(other.sources);
    }
}
