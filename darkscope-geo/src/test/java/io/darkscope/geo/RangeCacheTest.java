package io.darkscope.geo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved ranges answer as the database they came from did, and are made again when the database
 * changes or the saved file is damaged: the source's reads are counted here.
 */
class RangeCacheTest {
    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();

    private RangeCache.Ranges source(Path file) {
        reads.incrementAndGet();
        RangeTable table = new RangeTable.Builder()
                .add(0x0A000000L, 0x0AFFFFFFL, "AS1")           // 10.0.0.0/8
                .add(0xC0A80000L, 0xC0A8FFFFL, "AS2")           // 192.168.0.0/16
                .add(0xFFFFFF00L, 0xFFFFFFFFL, "AS1")           // the top /24: unsigned values survive
                .build();
        return new RangeCache.Ranges(table, Map.of("AS1", "Example, Inc.", "AS2", "Ünïcode Networks"));
    }

    @Test
    void savedRangesAnswerAsTheSource() throws IOException {
        Path csv = Files.writeString(dir.resolve("asn.csv"), "any content");
        RangeCache.Ranges first = RangeCache.load(csv, this::source);
        RangeCache.Ranges second = RangeCache.load(csv, this::source);

        assertThat(reads).hasValue(1);
        assertThat(dir.resolve("asn.csv.ranges")).isRegularFile();
        RangeTable table = second.table();
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.name(table.labelOf(0x0A010203))).isEqualTo("AS1");
        assertThat(table.name(table.labelOf(0xC0A80101))).isEqualTo("AS2");
        assertThat(table.name(table.labelOf(0xFFFFFFFE))).isEqualTo("AS1");
        assertThat(table.labelOf(0x0B000000)).isEqualTo(-1);
        assertThat(second.notes()).isEqualTo(first.notes());
    }

    @Test
    void aChangedSourceIsReadAgainEvenAtTheSameSizeAndTime() throws IOException {
        Path csv = Files.writeString(dir.resolve("asn.csv"), "any content");
        FileTime time = Files.getLastModifiedTime(csv);
        RangeCache.load(csv, this::source);
        Files.writeString(csv, "new content");
        Files.setLastModifiedTime(csv, time);
        RangeCache.load(csv, this::source);
        Files.setLastModifiedTime(csv, FileTime.fromMillis(time.toMillis() + 60_000)); // touched, not changed
        RangeCache.load(csv, this::source);

        assertThat(reads).hasValue(2);
    }

    @Test
    void aDamagedSaveIsMadeAgain() throws IOException {
        Path csv = Files.writeString(dir.resolve("asn.csv"), "any content");
        RangeCache.load(csv, this::source);
        Path saved = dir.resolve("asn.csv.ranges");
        byte[] bytes = Files.readAllBytes(saved);
        Files.write(saved, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        RangeTable table = RangeCache.load(csv, this::source).table();

        assertThat(reads).hasValue(2);
        assertThat(table.name(table.labelOf(0xC0A80101))).isEqualTo("AS2");
        assertThat(Files.size(saved)).isEqualTo(bytes.length);
    }
}
