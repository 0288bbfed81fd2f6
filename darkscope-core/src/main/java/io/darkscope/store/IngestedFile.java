package io.darkscope.store;

import io.darkscope.capture.CaptureIdentity;
import io.darkscope.capture.CaptureProblem;
import io.darkscope.capture.CaptureReader;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.pipeline.SourceTally;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    /**
     * The row of a capture read to its end ({@code reader} after its last batch), before the
     * pipeline's count of its darknet packets ({@link #counted}).
     *
     * @param countedFrom where counting began: 0, or the length of a shorter version counted before
     * @param note        what to say besides the reader's problems, or null
     */
    public static IngestedFile read(String path, long size, Instant modified, CaptureReader reader, long countedFrom, String note) {
        List<CaptureProblem> problems = reader.problems();
        String message = describe(problems);
        if (note != null) {
            message = message == null ? note : note + "; " + message;
        }
        return new IngestedFile(path, size, modified, reader.format(), reader.records(), 0, instant(reader.firstTimestampNanos()),
                instant(reader.lastTimestampNanos()), problems.isEmpty() ? Status.OK : Status.DAMAGED, message, reader.identity(),
                countedFrom);
    }

    /** The row of a file that is not a capture or could not be read. */
    public static IngestedFile rejected(String path, long size, Instant modified, String reason) {
        return notCounted(path, size, modified, Status.REJECTED, reason);
    }

    /** The row of a file not read, or not counted: rejected, a duplicate, changed. */
    public static IngestedFile notCounted(String path, long size, Instant modified, Status status, String reason) {
        return new IngestedFile(path, size, modified, null, 0, 0, null, null, status, reason, null, 0);
    }

    private static String describe(List<CaptureProblem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : problems.size() + " problems; first at " + first;
    }

    private static Instant instant(long nanos) {
        return nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE ? null
                : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** This row with what the pipeline made of its records: darknet packets, and link types it could not decode. */
    public IngestedFile counted(SourceTally tally) {
        Set<Integer> unsupported = tally.unsupportedLinkTypes();
        String note = unsupported.isEmpty() ? null
                : "link type " + unsupported + " not supported: " + tally.skipped(SkipReason.UNSUPPORTED_LINK) + " records skipped";
        return withDarknet(tally.darknet(), note);
    }

    /** This row with what the pipeline made of its records. */
    public IngestedFile withDarknet(long packets, String note) {
        String joined = note == null ? message : message == null ? note : message + "; " + note;
        return new IngestedFile(path, size, modified, format, this.packets, packets, firstPacket, lastPacket, status, joined, identity,
                countedFrom);
    }
}
