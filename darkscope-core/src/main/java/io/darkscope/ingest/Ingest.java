package io.darkscope.ingest;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureProblem;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.store.IngestedFile;
import io.darkscope.store.IngestedFile.Status;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads capture files into the store through the packet pipeline. One thread reads each file
 * into batches and submits them; after a group of files (or at the end) the pipeline's day
 * states are committed with the group's ledger rows in one transaction, closing the days they
 * touch. A file already in the ledger, unchanged, is skipped; a file with the content of one
 * already counted is recorded as a duplicate and not counted again.
 */
public final class Ingest {
    private final Store store;
    private final IngestOptions options;
    private final IngestListener listener;
    private final PacketPipeline pipeline;
    private final List<Pending> group = new ArrayList<>();
    private final List<FileReport> reports = new ArrayList<>();
    private final List<String> alreadyIngested = new ArrayList<>();
    private long groupRecords;
    private long storedBytesDone;
    private long recordsDone;

    public Ingest(Store store, IngestOptions options, IngestListener listener) {
        this.store = store;
        this.options = options;
        this.listener = listener;
        this.pipeline = PacketPipeline.builder(options.registry(), options.zone()).workers(options.workers())
                .memory(options.memoryBytes()).build();
    }

    /** A file read, waiting for its group's commit. */
    private record Pending(IngestedFile file, List<CaptureProblem> problems, SourceTally tally) {
    }

    /** Ingests the files in order and commits; returns what happened to each. */
    public IngestSummary run(List<Path> files) throws StoreException {
        long started = System.nanoTime();
        try {
            for (Path file : files) {
                ingest(file);
                if (groupRecords >= options.commitEveryPackets()) {
                    commitGroup();
                }
            }
            commitGroup();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("ingest interrupted; nothing of the current group was committed", e);
        } catch (SQLException e) {
            throw new StoreException("cannot read the ingest ledger: " + e.getMessage(), e);
        } finally {
            pipeline.close();
        }
        return summary((System.nanoTime() - started) / 1e9);
    }

    private void ingest(Path file) throws InterruptedException, SQLException {
        String path = file.toAbsolutePath().normalize().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            reject(path, 0, null, "cannot read: " + describe(e));
            return;
        }
        long size = attributes.size();
        Instant modified = attributes.lastModifiedTime().toInstant();
        String knownHash = null;
        Optional<IngestedFile> before = store.ledger().countedFile(path);
        try {
            if (before.isPresent()) {
                IngestedFile b = before.get();
                if (b.size() == size && modified.equals(b.modified())) {
                    alreadyIngested.add(path);
                    return;
                }
                knownHash = Captures.contentHash(file);
                if (knownHash.equals(b.contentHash())) {
                    alreadyIngested.add(path);
                    return;
                }
                record(new IngestedFile(path, size, modified, knownHash, null, 0, 0, null, null, Status.CHANGED,
                        "changed since it was ingested (" + b.size() + " bytes then, " + size + " now); its earlier counts "
                                + "cannot be subtracted, so it is refused: ingest new data as new files"), List.of());
                return;
            }
            if (store.ledger().hasCountedFileOfSize(size) || group.stream().anyMatch(p -> p.file().size() == size)) {
                knownHash = Captures.contentHash(file);
                Optional<String> twin = countedTwin(knownHash);
                if (twin.isPresent()) {
                    record(new IngestedFile(path, size, modified, knownHash, null, 0, 0, null, null, Status.DUPLICATE,
                            "same content as " + twin.get() + ", already counted"), List.of());
                    return;
                }
            }
        } catch (IOException e) {
            reject(path, size, modified, "cannot read: " + describe(e));
            return;
        }
        read(file, path, size, modified, knownHash);
    }

    private Optional<String> countedTwin(String hash) throws SQLException {
        for (Pending p : group) {
            if (p.file().status().counted() && hash.equals(p.file().contentHash())) {
                return Optional.of(p.file().path());
            }
        }
        return store.ledger().countedContent(hash).map(IngestedFile::path);
    }

    private void read(Path file, String path, long size, Instant modified, String knownHash) throws InterruptedException {
        SourceTally tally = new SourceTally();
        listener.fileStarted(file, size);
        try (CaptureReader reader = Captures.open(file)) {
            while (true) {
                FrameBatch batch = pipeline.emptyBatch();
                if (!reader.next(batch)) {
                    pipeline.release(batch);
                    break;
                }
                pipeline.submit(batch, tally);
                listener.progress(storedBytesDone + reader.storedBytesRead(), recordsDone + reader.records());
            }
            String hash = knownHash != null ? knownHash : reader.contentHash();
            List<CaptureProblem> problems = reader.problems();
            IngestedFile ingested = new IngestedFile(path, size, modified, hash, reader.format(), reader.records(), 0,
                    instant(reader.firstTimestampNanos()), instant(reader.lastTimestampNanos()),
                    problems.isEmpty() ? Status.OK : Status.DAMAGED, describe(problems));
            group.add(new Pending(ingested, problems, tally));
            groupRecords += reader.records();
            recordsDone += reader.records();
        } catch (IOException e) {
            reject(path, size, modified, describe(e));
        } finally {
            storedBytesDone += size;
            listener.progress(storedBytesDone, recordsDone);
        }
    }

    private static Instant instant(long nanos) {
        return nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE ? null
                : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private void reject(String path, long size, Instant modified, String reason) {
        record(new IngestedFile(path, size, modified, null, null, 0, 0, null, null, Status.REJECTED, reason), List.of());
    }

    private void record(IngestedFile file, List<CaptureProblem> problems) {
        group.add(new Pending(file, problems, new SourceTally()));
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String describe(List<CaptureProblem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : problems.size() + " problems; first at " + first;
    }

    private void commitGroup() throws StoreException, InterruptedException {
        if (group.isEmpty()) {
            return;
        }
        List<DayStates> days = pipeline.flush();
        List<IngestedFile> files = new ArrayList<>();
        for (Pending p : group) {
            IngestedFile f = p.file();
            IngestedFile done = new IngestedFile(f.path(), f.size(), f.modified(), f.contentHash(), f.format(), f.packets(),
                    p.tally().darknet(), f.firstPacket(), f.lastPacket(), f.status(), withLinkTypes(f.message(), p.tally()));
            files.add(done);
            reports.add(new FileReport(done, p.problems(), p.tally()));
        }
        store.commit(new Provenance.Files(files), days, Long.MAX_VALUE, options.registry(), options.zone());
        group.clear();
        groupRecords = 0;
    }

    private static String withLinkTypes(String message, SourceTally tally) {
        Set<Integer> unsupported = tally.unsupportedLinkTypes();
        if (unsupported.isEmpty()) {
            return message;
        }
        String note = "link type " + unsupported + " not supported: " + tally.skipped().get(SkipReason.UNSUPPORTED_LINK)
                + " records skipped";
        return message == null ? note : message + "; " + note;
    }

    private IngestSummary summary(double seconds) {
        long records = 0;
        long darknet = 0;
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        Set<Integer> linkTypes = new TreeSet<>();
        for (FileReport r : reports) {
            records += r.file().packets();
            darknet += r.file().darknetPackets();
            r.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
            linkTypes.addAll(r.unsupportedLinkTypes());
        }
        for (SkipReason reason : SkipReason.values()) {
            skipped.putIfAbsent(reason, 0L);
        }
        return new IngestSummary(List.copyOf(reports), List.copyOf(alreadyIngested), records, darknet, skipped, linkTypes, seconds);
    }
}
