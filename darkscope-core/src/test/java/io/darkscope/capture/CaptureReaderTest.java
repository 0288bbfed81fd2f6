package io.darkscope.capture;

import com.github.luben.zstd.ZstdOutputStream;
import io.darkscope.decode.LinkType;
import io.darkscope.testing.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReaderTest {
    @TempDir
    Path dir;

    /** A record as a reader returns it. */
    record Frame(long nanos, int linkType, int wireLength, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.nanos == nanos && f.linkType == linkType && f.wireLength == wireLength
                    && Arrays.equals(f.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(nanos) ^ Arrays.hashCode(bytes);
        }
    }

    /** Frames of random sizes with timestamps at the given resolution (digits after the second). */
    static List<Frame> frames(int count, int linkType, int resolutionDigits) {
        SplittableRandom random = new SplittableRandom(count);
        List<Frame> frames = new ArrayList<>();
        long unit = (long) Math.pow(10, 9 - resolutionDigits);
        long t = 1_474_329_600_000_000_000L;
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[14 + random.nextInt(1500)];
            random.nextBytes(bytes);
            t += random.nextLong(1, 5_000_000_000L) / unit * unit;
            frames.add(new Frame(t, linkType, bytes.length + random.nextInt(3), bytes));
        }
        return frames;
    }

    static List<Frame> readAll(CaptureReader reader) {
        List<Frame> frames = new ArrayList<>();
        FrameBatch batch = new FrameBatch(64 * 1024);
        while (reader.next(batch)) {
            for (int i = 0; i < batch.count(); i++) {
                byte[] bytes = Arrays.copyOfRange(batch.data(), batch.frameOffset(i), batch.frameOffset(i) + batch.capturedLength(i));
                frames.add(new Frame(batch.timestampNanos(i), batch.linkType(i), batch.wireLength(i), bytes));
            }
        }
        return frames;
    }

    static List<Frame> readAll(Path file) throws IOException {
        try (CaptureReader reader = Captures.open(file)) {
            List<Frame> frames = readAll(reader);
            assertThat(reader.problems()).isEmpty();
            return frames;
        }
    }

    Path writePcap(String name, List<Frame> frames, boolean nanos, boolean bigEndian) throws IOException {
        Path file = dir.resolve(name);
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), frames.get(0).linkType(), nanos, bigEndian, 65_535)) {
            for (Frame f : frames) {
                w.write(f.nanos(), f.bytes(), 0, f.bytes().length, f.wireLength());
            }
        }
        return file;
    }

    @ParameterizedTest(name = "nanosecond={0}, big-endian={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void pcapInEitherByteOrderAndResolutionReadsBackExactly(boolean nanos, boolean bigEndian) throws IOException {
        List<Frame> frames = frames(3000, LinkType.ETHERNET, nanos ? 9 : 6);
        Path file = writePcap("t.pcap", frames, nanos, bigEndian);
        try (CaptureReader reader = Captures.open(file)) {
            assertThat(reader.format()).contains(nanos ? "nanosecond" : "microsecond").contains(bigEndian ? "big" : "little");
            assertThat(readAll(reader)).isEqualTo(frames);
            assertThat(reader.firstTimestampNanos()).isEqualTo(frames.get(0).nanos());
            assertThat(reader.lastTimestampNanos()).isEqualTo(frames.get(frames.size() - 1).nanos());
        }
    }

    @ParameterizedTest(name = "big-endian={0}")
    @CsvSource({"false", "true"})
    void pcapngWithSeveralInterfacesKeepsEachLinkTypeAndResolution(boolean bigEndian) throws IOException {
        List<Frame> ethernet = frames(500, LinkType.ETHERNET, 6);
        List<Frame> raw = frames(500, LinkType.RAW, 9);
        Path file = dir.resolve("t.pcapng");
        List<Frame> expected = new ArrayList<>();
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(file), bigEndian)) {
            int eth = w.addInterface(LinkType.ETHERNET, 65_535, 6);
            int ip = w.addInterface(LinkType.RAW, 0, 9);
            for (int i = 0; i < 500; i++) {
                Frame a = ethernet.get(i);
                Frame b = raw.get(i);
                w.write(eth, a.nanos(), a.bytes(), 0, a.bytes().length, a.wireLength());
                w.write(ip, b.nanos(), b.bytes(), 0, b.bytes().length, b.wireLength());
                expected.add(a);
                expected.add(b);
            }
        }
        assertThat(readAll(file)).isEqualTo(expected);
    }

    @Test
    void gzipAndZstdAreReadByContentNotByName() throws IOException {
        List<Frame> frames = frames(2000, LinkType.ETHERNET, 6);
        Path plain = writePcap("plain.pcap", frames, false, false);
        byte[] bytes = Files.readAllBytes(plain);
        Path gzip = dir.resolve("no-extension-1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(bytes);
        }
        Path zstd = dir.resolve("no-extension-2");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zstd))) {
            out.write(bytes);
        }
        assertThat(readAll(gzip)).isEqualTo(frames);
        assertThat(readAll(zstd)).isEqualTo(frames);
        try (CaptureReader g = Captures.open(gzip); CaptureReader z = Captures.open(zstd)) {
            assertThat(g.format()).endsWith("gzip");
            assertThat(z.format()).endsWith("zstd");
        }
    }

    @Test
    void aCapturesIdentityIsItsDecompressedBytesSoAGzipCopyIsTheSameCapture() throws IOException {
        Path file = writePcap("t.pcap", frames(100, LinkType.ETHERNET, 6), false, false);
        Path gzip = dir.resolve("copy.pcap.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(file));
        }
        CaptureIdentity plain;
        try (CaptureReader reader = Captures.open(file)) {
            readAll(reader);
            plain = reader.identity();
        }
        try (CaptureReader reader = Captures.open(gzip)) {
            readAll(reader);
            assertThat(reader.identity()).isEqualTo(plain);
        }
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(Files.readAllBytes(file));
        assertThat(plain.digest()).hasSize(16).startsWith(String.format("%08x", c.getValue()));
        assertThat(plain.length()).isEqualTo(Files.size(file));
        assertThat(Captures.prefix(gzip, plain.length()).orElseThrow()).isEqualTo(new Captures.Prefix(plain.digest(), false));
    }

    @Test
    void truncatedRecordKeepsEarlierPacketsAndReportsTheOffset() throws IOException {
        List<Frame> frames = frames(50, LinkType.ETHERNET, 6);
        Path file = writePcap("t.pcap", frames, false, false);
        long cutRecordStart = 24 + frames.subList(0, 40).stream().mapToLong(f -> 16 + f.bytes().length).sum();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) cutRecordStart + 16 + 5));
        try (CaptureReader reader = Captures.open(file)) {
            assertThat(readAll(reader)).isEqualTo(frames.subList(0, 40));
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.offset()).isEqualTo(cutRecordStart);
                assertThat(p.fatal()).isTrue();
                assertThat(p.reason()).contains("ends inside a record");
            });
        }
    }

    @Test
    void impossibleRecordLengthStopsTheFileAfterTheGoodRecords() throws IOException {
        List<Frame> frames = frames(30, LinkType.ETHERNET, 6);
        Path file = writePcap("t.pcap", frames, false, false);
        byte[] bytes = Files.readAllBytes(file);
        int recordStart = 24 + frames.subList(0, 10).stream().mapToInt(f -> 16 + f.bytes().length).sum();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(recordStart + 8, 0x7fff_0000);
        Files.write(file, bytes);
        try (CaptureReader reader = Captures.open(file)) {
            assertThat(readAll(reader)).isEqualTo(frames.subList(0, 10));
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.offset()).isEqualTo(recordStart);
                assertThat(p.reason()).contains("impossible record length 2147418112");
            });
        }
    }

    @Test
    void aFileThatIsNotACaptureIsRejectedWithTheReason() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "198.51.100.0/24\n");
        assertThatThrownBy(() -> Captures.open(text)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a capture").hasMessageContaining("31 39 38 2e");
        Path empty = dir.resolve("empty.pcap");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> Captures.open(empty)).isInstanceOf(CaptureFormatException.class).hasMessageContaining("0 bytes");
        Path header = dir.resolve("header-only.pcap");
        Files.write(header, Arrays.copyOf(Files.readAllBytes(writePcap("x.pcap", frames(1, 1, 6), false, false)), 10));
        assertThatThrownBy(() -> Captures.open(header)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated pcap file header");
    }

    @Test
    void damagedGzipKeepsTheRecordsBeforeTheDamage() throws IOException {
        List<Frame> frames = frames(4000, LinkType.ETHERNET, 6);
        byte[] pcap = Files.readAllBytes(writePcap("t.pcap", frames, false, false));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(pcap);
        }
        byte[] compressed = gz.toByteArray();
        Path cut = dir.resolve("cut.pcap.gz");
        Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));
        try (CaptureReader reader = Captures.open(cut)) {
            List<Frame> read = readAll(reader);
            assertThat(read).isNotEmpty().isEqualTo(frames.subList(0, read.size()));
            assertThat(reader.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("gzip stream damaged"));
        }
    }

    @Test
    void pcapngBlockLengthMismatchStopsTheFileAfterTheGoodRecords() throws IOException {
        List<Frame> frames = frames(20, LinkType.ETHERNET, 6);
        Path file = dir.resolve("t.pcapng");
        try (PcapngWriter w = new PcapngWriter(Files.newOutputStream(file), false)) {
            w.addInterface(LinkType.ETHERNET, 0, 6);
            for (Frame f : frames) {
                w.write(f.nanos(), f.bytes(), 0, f.bytes().length, f.wireLength());
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        int block = 28 + 32;
        for (int i = 0; i < 5; i++) {
            block += 32 + ((frames.get(i).bytes().length + 3) & ~3);
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(block + 4, 64);
        Files.write(file, bytes);
        try (CaptureReader reader = Captures.open(file)) {
            assertThat(readAll(reader)).isEqualTo(frames.subList(0, 5));
            int start = block;
            assertThat(reader.problems()).singleElement().satisfies(p -> {
                assertThat(p.offset()).isEqualTo(start);
                assertThat(p.reason()).contains("does not match its trailing copy");
            });
        }
    }

    @Test
    void modifiedPcapWithLongerRecordHeadersIsRead() throws IOException {
        byte[] frame = {1, 2, 3, 4, 5, 6};
        ByteBuffer b = ByteBuffer.allocate(24 + 24 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(LinkType.RAW);
        b.putInt(1_000_000_000).putInt(250_000).putInt(frame.length).putInt(frame.length).putInt(3).putShort((short) 8)
                .put((byte) 0).put((byte) 0);
        b.put(frame);
        Path file = dir.resolve("kuznetzov.pcap");
        Files.write(file, b.array());
        assertThat(readAll(file)).containsExactly(new Frame(1_000_000_000_250_000_000L, LinkType.RAW, frame.length, frame));
    }

    @Test
    void simplePacketBlockTakesThePreviousPacketsTimeAndTheSnapLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] first = {9, 9, 9, 9};
        try (PcapngWriter w = new PcapngWriter(out, false)) {
            w.addInterface(LinkType.RAW, 3, 6);
            w.write(5_000_000_000L, first, 0, 4, 4);
        }
        ByteBuffer spb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        spb.putInt(3).putInt(20).putInt(4).put(new byte[] {7, 7, 7, 7}).putInt(20);
        out.write(spb.array());
        Path file = dir.resolve("spb.pcapng");
        Files.write(file, out.toByteArray());
        assertThat(readAll(file)).containsExactly(new Frame(5_000_000_000L, LinkType.RAW, 4, first),
                new Frame(5_000_000_000L, LinkType.RAW, 4, new byte[] {7, 7, 7}));
    }

    @Test
    void theLargestRecordLibpcapWritesIsReadWhateverTheBatchSize() throws IOException {
        byte[] big = new byte[PcapReader.MAX_RECORD];
        new SplittableRandom(1).nextBytes(big);
        Path file = dir.resolve("big.pcap");
        try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), LinkType.ETHERNET, false, false, 8 << 20)) {
            w.write(1_000_000_000L, big, 0, big.length, big.length);
            w.write(2_000_000_000L, big, 0, 60, 60);
        }
        List<Frame> read = readAll(file);
        assertThat(read).hasSize(2);
        assertThat(read.get(0).bytes()).isEqualTo(big);
        assertThat(read.get(1).bytes()).isEqualTo(Arrays.copyOf(big, 60));
    }

    @Test
    void pcapngWithNoPacketsReadsAsEmpty() throws IOException {
        assertThat(readAll(TestCaptures.get("the-tcpdump-group_tcpdump__empty.pcapng"))).isEmpty();
    }

    @Test
    void anOutOfRangeNanosecondFractionCarriesIntoTheSeconds() throws IOException {
        List<Frame> frames = readAll(TestCaptures.get("the-tcpdump-group_tcpdump__timestamp_invalid_nano.pcap"));
        assertThat(frames).extracting(Frame::nanos)
                .containsExactly(1_418_145_369_999_999_999L, 1_418_145_371_000_000_000L, 1_418_145_372_147_483_648L);
    }
}
