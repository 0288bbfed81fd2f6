package io.darkscope.store;

import io.darkscope.capture.CaptureIdentity;

import java.time.Instant;

/**
 * One row of the ingest ledger: a file darkscope was given, and what became of it.
 *
 * @param identity    what the capture is, whatever its name or compression (null if it was not read)
 * @param countedFrom where in its decompressed bytes counting began: 0, or the end of the part
 *                    already counted from an earlier, shorter version of the capture
 */
public record IngestedFile(String path, long size, Instant modified, String format, long packets, long darknetPackets,
                           Instant firstPacket, Instant lastPacket, Status status, String message, CaptureIdentity identity,
                           long countedFrom) {
    /** What became of a file. */
    public enum Status {
        /** Read to the end without a problem. */
        OK,
        /** Had problems (truncation, damage); every good record was ingested. */
        DAMAGED,
        /** Not a capture, or unreadable: nothing ingested. */
        REJECTED,
        /** The same capture as one already ingested (renamed, recompressed): nothing ingested again. */
        DUPLICATE,
        /** Ingested before under this path, and now not an extension of what was counted: refused, since counts cannot be subtracted. */
        CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the file's packets are in the store. */
        public boolean counted() {
            return this == OK || this == DAMAGED;
        }

        /** Whether the file was refused or unreadable: the command fails, after the others are ingested. */
        public boolean refused() {
            return this == REJECTED || this == CHANGED;
        }
    }

    /** This row with what the pipeline made of its records. */
    public IngestedFile withDarknet(long packets, String note) {
        String joined = note == null ? message : message == null ? note : message + "; " + note;
        return new IngestedFile(path, size, modified, format, this.packets, packets, firstPacket, lastPacket, status, joined, identity,
                countedFrom);
    }
}
