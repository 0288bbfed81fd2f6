package io.darkscope.store;

import java.util.List;

/** Where a commit's packets came from: what the store records so that nothing is ever counted twice. */
public sealed interface Provenance {
    /** Files, each recorded in the ingest ledger; a file already counted is never counted again. */
    record Files(List<IngestedFile> files) implements Provenance {
    }

    /**
     * A long-running source (a sensor, a pcap stream) named {@code source}: what it captured from
     * {@code fromNanos} (inclusive) to {@code toNanos} (exclusive), by its capture clock, and the
     * capture's counters over that window. A source's windows never overlap: on restart it
     * resumes after the last committed one, and the time between is a gap in the observation.
     */
    record Stream(String source, long fromNanos, long toNanos, CaptureStats stats) implements Provenance {
        public Stream {
            if (toNanos < fromNanos) {
                throw new IllegalArgumentException("stream window ends before it starts");
            }
        }
    }

    /**
     * Kafka records: for each partition of {@code topic}, the offsets from {@code from}
     * (inclusive) to {@code to} (exclusive). A range already committed is a replay, and
     * committing it again changes nothing.
     */
    record Offsets(String topic, List<OffsetRange> ranges) implements Provenance {
    }

    /** One partition's offsets, from inclusive, to exclusive. */
    record OffsetRange(int partition, long from, long to) {
        public OffsetRange {
            if (to < from) {
                throw new IllegalArgumentException("offset range ends before it starts");
            }
        }
    }

    /**
     * What a capture saw over a window, as libpcap counts: packets received (that passed the
     * filter), dropped by the kernel for want of buffer, dropped by the interface.
     */
    record CaptureStats(long received, long dropped, long interfaceDropped) {
        /** No capture counters (a pcap stream on standard input, a directory of files). */
        public static final CaptureStats NONE = new CaptureStats(0, 0, 0);
    }
}
