package io.darkscope.analysis.scan;

import io.darkscope.pipeline.Day;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day's records are written range by range of sources on several threads: the records that come
 * out are the sum of the runs that went in (a map added up by hand here), no chunk crosses a /4,
 * and a chunk of an older store that crosses one (encoded here byte by byte from the documented
 * format) is read by each range for its own sources only. The same when the merge was started
 * before the write (as the store does while it writes the other analyses' tables); a merge
 * started and never taken (a commit that failed first) leaves no thread behind.
 */
class SourceRangesTest {
    private static final Day DAY = Day.of(ZoneOffset.UTC, LocalDate.of(2016, 9, 20));

    @ParameterizedTest(name = "merge started before the write: {0}")
    @ValueSource(booleans = {false, true})
    void writtenRangesHoldTheSumOfTheRuns(boolean started) {
        Random random = new Random(7);
        TreeMap<List<Long>, long[]> expected = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = Long.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        DayScans state = new DayScans(DAY);
        for (int run = 0; run < 3; run++) {
            TreeMap<Long, Integer> records = new TreeMap<>(); // source (unsigned) -> bucket
            for (int i = 0; i < 5_000; i++) {
                records.put(random.nextLong(1L << 32), random.nextInt(3));
            }
            List<Chunk> chunks = new ArrayList<>();
            RecordWriter<RuntimeException> out = new RecordWriter<>(chunks::add);
            ScanRecord r = new ScanRecord();
            int destination = run;
            records.forEach((source, bucket) -> {
                r.source = (int) (long) source;
                r.code = 23;
                r.bucket = bucket;
                r.packets = 1;
                r.bytes = 40;
                r.first = 5;
                r.last = 5;
                r.destinationCount = 0;
                r.addDestinations(new int[] {destination}, 1);
                out.write(r);
                expected.merge(List.of(source, (long) bucket), new long[] {1, 40}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            });
            out.finish();
            state.addRun(chunks);
        }
        if (started) {
            state.startWrite();
        }
        List<Chunk> others = new ArrayList<>();
        List<Chunk> quiet = new ArrayList<>();
        state.write(others::add, quiet::add);
        assertInOrder(others);
        assertInOrder(quiet);
        TreeMap<List<Long>, long[]> read = new TreeMap<>(expected.comparator());
        ScanRecord r = new ScanRecord();
        for (Chunk chunk : concat(others, quiet)) {
            assertThat(RecordWriter.range(chunk.firstSource())).isEqualTo(RecordWriter.range(chunk.lastSource()));
            RecordReader reader = new RecordReader(List.of(chunk));
            while (reader.next(r)) {
                read.put(List.of(r.source & 0xffffffffL, (long) r.bucket), new long[] {r.packets, r.bytes});
            }
        }
        assertThat(read).hasSameSizeAs(expected);
        expected.forEach((key, sums) -> assertThat(read.get(key)).as("%s", key).containsExactly(sums));
    }

    @Test
    void aMergeStartedAndNeverTakenLeavesNoThreadBehind() throws InterruptedException {
        DayScans state = new DayScans(DAY);
        List<Chunk> chunks = new ArrayList<>();
        RecordWriter<RuntimeException> out = new RecordWriter<>(chunks::add);
        ScanRecord r = new ScanRecord();
        for (int i = 0; i < 1_000; i++) {
            r.source = i << 22; // every range
            r.code = 23;
            r.packets = 1;
            r.destinationCount = 0;
            r.addDestinations(new int[] {i}, 1);
            out.write(r);
        }
        out.finish();
        state.addRun(chunks);
        state.startWrite();
        for (int i = 0; i < 100 && mergingThreads() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(mergingThreads()).isZero();
    }

    private static long mergingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("darkscope-scan-write")).count();
    }

    private static void assertInOrder(List<Chunk> chunks) {
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(Integer.compareUnsigned(chunks.get(i - 1).lastSource(), chunks.get(i).firstSource())).isNegative();
        }
    }

    private static List<Chunk> concat(List<Chunk> a, List<Chunk> b) {
        List<Chunk> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aChunkAcrossRangesIsReadByEachForItsOwnSources() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int flags = RecordWriter.NEW_SOURCE | RecordWriter.NEW_KEY | RecordWriter.SAME_SIGNATURE;
        bytes.write(flags);
        varints(bytes, 0x0FFFFFFFL, 23, 1, 40, 2, zigzag(0x0A000001L)); // last source of range 0
        bytes.write(flags);
        varints(bytes, 1, 23, 1, 40, 3, zigzag(0)); // first source of range 1, the same destination
        Chunk old = new Chunk(bytes.toByteArray(), 0x0FFFFFFF, 0x10000000, 2);

        assertThat(sources(new RecordReader(List.of(old)))).containsExactly(0x0FFFFFFF, 0x10000000);
        assertThat(sources(new RecordReader(List.of(old), 0))).containsExactly(0x0FFFFFFF);
        assertThat(sources(new RecordReader(List.of(old), 1))).containsExactly(0x10000000);
        assertThat(sources(new RecordReader(List.of(old), 2))).isEmpty();
    }

    private static List<Integer> sources(RecordReader reader) {
        List<Integer> sources = new ArrayList<>();
        ScanRecord r = new ScanRecord();
        while (reader.next(r)) {
            assertThat(r.destinations[0]).isEqualTo(0x0A000001);
            sources.add(r.source);
        }
        return sources;
    }

    private static long zigzag(long delta) {
        return delta << 1 ^ delta >> 63;
    }

    private static void varints(ByteArrayOutputStream out, long... values) {
        for (long v : values) {
            for (; v >= 0x80; v >>>= 7) {
                out.write((int) (v & 0x7f | 0x80));
            }
            out.write((int) v);
        }
    }
}
