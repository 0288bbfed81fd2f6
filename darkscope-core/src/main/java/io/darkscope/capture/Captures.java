package io.darkscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static io.darkscope.decode.Bytes.i32;

/** Opens capture files: pcap or pcapng, plain, gzip or zstd, recognised by their content, not their name. */
public final class Captures {
    private Captures() {
    }

    /**
     * Opens a capture for reading.
     *
     * @throws CaptureFormatException if the file is not a pcap or pcapng capture
     * @throws IOException            if the file cannot be read
     */
    public static CaptureReader open(Path file) throws IOException {
        CaptureSource source = new CaptureSource(file);
        try {
            return readerFor(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * Opens a capture arriving on a stream (standard input, a pipe from {@code tcpdump -w -}):
     * the reader hands on the records that have arrived instead of waiting for a full buffer.
     * Blocks until the capture's header has arrived.
     *
     * @throws CaptureFormatException if the stream is not a pcap or pcapng capture
     */
    public static CaptureReader open(InputStream stream) throws IOException {
        CaptureSource source = new CaptureSource(stream);
        try {
            return readerFor(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * The checksums of the first bytes of a capture, decompressed, for each of the given lengths
     * (each at most {@link CaptureIdentity#PREFIX_BYTES}); a length beyond the capture's end has none.
     */
    public static Map<Integer, String> prefixDigests(Path file, Collection<Integer> lengths) throws IOException {
        Map<Integer, String> digests = new HashMap<>();
        try (CaptureSource source = new CaptureSource(file)) {
            byte[] head = source.stream().readNBytes(CaptureIdentity.PREFIX_BYTES);
            for (int length : lengths) {
                if (length <= head.length) {
                    ContentChecksum checksum = new ContentChecksum();
                    checksum.update(head, 0, length);
                    digests.put(length, checksum.hex());
                }
            }
        }
        return digests;
    }

    /**
     * The checksum of a capture's first {@code length} decompressed bytes, and whether more
     * follow; empty if it is shorter.
     */
    public static Optional<Prefix> prefix(Path file, long length) throws IOException {
        ContentChecksum checksum = new ContentChecksum();
        try (CaptureSource source = new CaptureSource(file)) {
            InputStream in = source.stream();
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return Optional.empty();
                }
                checksum.update(buffer, 0, n);
                left -= n;
            }
            return Optional.of(new Prefix(checksum.hex(), in.read() >= 0));
        }
    }

    /** The checksum of a capture's first bytes, and whether the capture goes on after them. */
    public record Prefix(String digest, boolean more) {
    }

    private static CaptureReader readerFor(CaptureSource source) throws IOException {
        InputStream in = source.stream();
        byte[] head;
        try {
            head = in.readNBytes(4);
        } catch (IOException e) {
            if (source.compression().isEmpty()) {
                throw e;
            }
            throw new CaptureFormatException(source.compression() + " stream damaged at its start: " + e.getMessage());
        }
        if (head.length < 4) {
            throw new CaptureFormatException("not a capture: only " + head.length + " bytes" + after(source));
        }
        int magic = i32(head, 0);
        if (magic == PcapngReader.SECTION_HEADER) {
            byte[] start = new byte[12];
            System.arraycopy(head, 0, start, 0, 4);
            readFully(in, start, 4, source, "pcapng section header");
            return new PcapngReader(source, start);
        }
        for (int pcapMagic : new int[] {PcapReader.MAGIC_MICROS, PcapReader.MAGIC_NANOS, PcapReader.MAGIC_MODIFIED}) {
            if (magic == pcapMagic || magic == Integer.reverseBytes(pcapMagic)) {
                byte[] header = new byte[PcapReader.HEADER_LENGTH];
                System.arraycopy(head, 0, header, 0, 4);
                readFully(in, header, 4, source, "pcap file header");
                return new PcapReader(source, header, magic == pcapMagic, pcapMagic);
            }
        }
        throw new CaptureFormatException("not a capture: starts with " + HexFormat.ofDelimiter(" ").formatHex(head)
                + after(source) + ", expected a pcap or pcapng magic number");
    }

    /** Why a file could not be read, in a user's words (Java's often say only the path). */
    public static String describe(IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file"
                : e instanceof FileSystemLoopException ? "a loop of symbolic links"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof FileSystemException f && f.getFile() != null && reason.equals(f.getFile()) ? e.getClass().getSimpleName() : reason;
    }

    private static void readFully(InputStream in, byte[] into, int from, CaptureSource source, String what) throws IOException {
        int n = in.readNBytes(into, from, into.length - from);
        if (from + n < into.length) {
            throw new CaptureFormatException("truncated " + what + ": " + (from + n) + " of " + into.length + " bytes" + after(source));
        }
    }

    private static String after(CaptureSource source) {
        return source.compression().isEmpty() ? "" : " after " + source.compression() + " decompression";
    }
}
