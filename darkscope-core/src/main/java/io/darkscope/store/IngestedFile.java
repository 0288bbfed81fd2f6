package io.darkscope.store;

import java.time.Instant;

/**
 * One row of the ingest ledger: a file darkscope was given, and what became of it.
 * {@code contentHash} is a 64-bit checksum (CRC-32C and CRC-32, hex) of the file as stored.
 */
public record IngestedFile(String path, long size, Instant modified, String contentHash, String format,
                           long packets, long darknetPackets, Instant firstPacket, Instant lastPacket,
                           Status status, String message) {
    /** What became of a file. */
    public enum Status {
        /** Read to the end without a problem. */
        OK,
        /** Had problems (truncation, damage); every good record was ingested. */
        DAMAGED,
        /** Not a capture, or unreadable: nothing ingested. */
        REJECTED,
        /** Same content as a file already ingested: nothing ingested again. */
        DUPLICATE,
        /** Ingested before under this path with other content: refused, since counts cannot be subtracted. */
        CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the file's packets are in the store. */
        public boolean counted() {
            return this == OK || this == DAMAGED;
        }
    }
}
