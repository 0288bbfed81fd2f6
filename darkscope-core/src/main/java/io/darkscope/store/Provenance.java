package io.darkscope.store;

import java.util.List;

/** Where a commit's packets came from: what the store records so that nothing is ever counted twice. */
public sealed interface Provenance {
    /** Files, each recorded in the ingest ledger; a file already counted is never counted again. */
    record Files(List<IngestedFile> files) implements Provenance {
    }

    /**
     * A long-running source (a sensor, a pcap stream) named {@code source}: the packets captured
     * from {@code firstNanos} to {@code lastNanos} inclusive. A source's ranges never overlap: on
     * restart it resumes after the last committed one.
     */
    record Stream(String source, long firstNanos, long lastNanos) implements Provenance {
        public Stream {
            if (lastNanos < firstNanos) {
                throw new IllegalArgumentException("stream range ends before it starts");
            }
        }
    }
}
