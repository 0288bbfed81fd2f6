package io.darkscope.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HexFormat;

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

    /** The content checksum of a file's bytes as stored, the same value {@link CaptureReader#contentHash()} gives. */
    public static String contentHash(Path file) throws IOException {
        return CaptureSource.contentHash(file);
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
