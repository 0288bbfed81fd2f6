package io.darkscope.capture;

/**
 * Something wrong in a capture file: where (byte offset in the file, or in its decompressed
 * stream for gzip and zstd) and why. A fatal problem ended the reading of that file; every
 * complete record before it was kept.
 */
public record CaptureProblem(long offset, String reason, boolean fatal) {
    @Override
    public String toString() {
        return "offset " + offset + ": " + reason;
    }
}
