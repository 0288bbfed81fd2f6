package io.darkscope.flink;

import com.github.luben.zstd.ZstdOutputStream;
import io.darkscope.query.StoreSnapshot;
import io.darkscope.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded job over a directory tree of captures, one split per file, gives the store
 * {@code darkscope ingest} gives of the same tree, byte for byte: every analysis table, every
 * answer and every ledger row (but when it was written); run again, it changes nothing.
 */
@ExtendWith(Shared.class)
class FilesToStoreTest {
    private static final String LEDGER = "SELECT path, size, modified, format, packets, darknet_packets, first_packet, last_packet, status, "
            + "message, content_length, content_digest, prefix_length, prefix_digest, counted_from FROM ingested_files ORDER BY ALL";

    @TempDir
    Path dir;

    @Test
    void aDirectoryTreeOfCapturesGivesTheStoreOfIngestAndAgainNothingMore(Simulation simulation) throws Exception {
        Path tree = tree(simulation.captures);
        Path reference = simulation.ingest(files(tree), dir.resolve("ingest"));
        Path data = dir.resolve("flink");
        String[] job = {"--files", tree.toString(), "--data", data.toString(), "--config", simulation.config.toString(), "--parallelism", "2",
            "--checkpoint-interval", "1s"};

        Jobs.run(job);
        assertThat(simulation.snapshot(data)).isEqualTo(simulation.snapshot(reference));
        assertThat(ledger(data)).isEqualTo(ledger(reference)).hasSize(4);

        Jobs.run(job);
        assertThat(simulation.snapshot(data)).isEqualTo(simulation.snapshot(reference));
        assertThat(ledger(data)).isEqualTo(ledger(reference));
    }

    /** The three days in nested folders as pcap, gzip and zstd, a file that is not a capture, and a hidden copy left out by both. */
    private Path tree(List<Path> captures) throws Exception {
        Path tree = dir.resolve("archive");
        copy(captures.get(0), tree.resolve("2016/10/29/a.pcap"), out -> out);
        copy(captures.get(1), tree.resolve("2016/10/30/b.pcap.gz"), GZIPOutputStream::new);
        copy(captures.get(2), tree.resolve("2016/10/31/deeper/c.pcap.zst"), ZstdOutputStream::new);
        copy(captures.get(0), tree.resolve("2016/10/29/.a.pcap.part"), out -> out);
        Files.writeString(tree.resolve("2016/README.txt"), "captures of the telescope, one a day");
        return tree;
    }

    private interface Compression {
        OutputStream wrap(OutputStream out) throws Exception;
    }

    private static void copy(Path from, Path to, Compression compression) throws Exception {
        Files.createDirectories(to.getParent());
        try (OutputStream out = compression.wrap(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }

    /** What {@code darkscope ingest DIR} reads: every file below, sorted, hidden ones left out. */
    private static List<Path> files(Path tree) throws Exception {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static List<String> ledger(Path data) throws Exception {
        try (Store store = Store.openReadOnly(data); Statement s = store.connection().createStatement()) {
            return StoreSnapshot.rows(s.executeQuery(LEDGER));
        }
    }
}
