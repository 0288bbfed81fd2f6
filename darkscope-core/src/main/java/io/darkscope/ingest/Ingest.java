package io.darkscope.ingest;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureIdentity;
import io.darkscope.capture.CaptureProblem;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads capture files into the store through the packet pipeline. The calling thread decides
 * what becomes of each file; reading threads ({@link IngestOptions#readers}) read the files to be
 * counted, several at once, each into batches it submits; after a group of files (or at the end)
 * the pipeline's day states are committed with the group's ledger rows in one transaction,
 * closing the days they touch. A capture is known by its identity, not its name: one already
 * counted (renamed, recompressed) is a duplicate; one that starts with a counted capture and
 * goes on (a file that grew) has only its new records counted; a path counted before whose
 * content no longer starts with what was counted is refused.
 */
public final class Ingest {
    private final Store store;
    private final IngestOptions options;
    private final IngestListener listener;
    private final PacketPipeline pipeline;
    private final ExecutorService readers;
    private final List<Member> group = new ArrayList<>();
    private final List<FileReport> reports = new ArrayList<>();
    private final List<String> alreadyIngested = new ArrayList<>();
    private final AtomicLong storedBytesRead = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();

    public Ingest(Store store, IngestOptions options, IngestListener listener) {
        this.store = store;
        this.options = options;
        this.listener = listener;
        this.pipeline = PacketPipeline.builder(options.registry(), options.zone()).workers(options.workers())
                .memory(options.memoryBytes()).build();
        this.readers = Executors.newFixedThreadPool(options.readers(), r -> {
            Thread t = new Thread(r, "darkscope-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** A file read, waiting for its group's commit. */
    private record Pending(IngestedFile file, List<CaptureProblem> problems, SourceTally tally) {
    }

    /**
     * A file of the current group: read, or being read on a reading thread.
     *
     * @param read     what became of it
     * @param expected the records it is expected to hold, while it is being read
     * @param head     the checksum of its first {@link CaptureIdentity#PREFIX_BYTES} decompressed
     *                 bytes, null if it is shorter or was not read: any capture that starts with
     *                 it starts with these bytes
     */
    private record Member(Future<Pending> read, long expected, String head) {
        static Member done(Pending pending) {
            return new Member(CompletableFuture.completedFuture(pending), 0, null);
        }

        Pending pending() throws InterruptedException {
            try {
                return read.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("a reading thread failed", e.getCause());
            }
        }
    }

    /** A counted capture (or one read in this group) that a new file starts with, and whether the file goes on after it. */
    private record Match(IngestedFile counted, boolean more) {
    }

    /** Ingests files known by their paths. */
    public IngestSummary run(List<Path> files) throws StoreException {
        return runInputs(files.stream().map(IngestInput::of).toList());
    }

    /** Ingests the inputs in order and commits; returns what happened to each. */
    public IngestSummary runInputs(List<IngestInput> inputs) throws StoreException {
        long started = System.nanoTime();
        try {
            requireZone();
            for (IngestInput input : inputs) {
                awaitReader();
                long groupRecords = groupRecords();
                if (groupRecords > 0 && groupRecords + expectedRecords(input.file()) > options.commitEveryPackets()) {
                    commitGroup(false); // before a file that would take the group past its size, not after: two busy days do not fit in memory
                }
                ingest(input);
            }
            commitGroup(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("ingest interrupted; nothing of the current group was committed", e);
        } catch (SQLException e) {
            throw new StoreException("cannot read the ingest ledger: " + e.getMessage(), e);
        } finally {
            readers.shutdownNow();
            pipeline.close();
        }
        return summary((System.nanoTime() - started) / 1e9);
    }

    /**
     * Waits until fewer than {@link IngestOptions#readers} files are being read, and until none is
     * while no file has told how many records its bytes hold (the group's size is then unknown).
     */
    private void awaitReader() throws InterruptedException {
        List<Member> reading = group.stream().filter(m -> !m.read().isDone()).toList();
        if (!reading.isEmpty() && (reading.size() >= options.readers() || storedBytesRead.get() == 0)) {
            reading.get(0).pending();
        }
    }

    /** The records of the group: those read, and those expected of the files being read. */
    private long groupRecords() throws InterruptedException {
        long records = 0;
        for (Member m : group) {
            records += m.read().isDone() ? m.pending().file().packets() : m.expected();
        }
        return records;
    }

    /** The records a file probably holds, at the rate of records to stored bytes of the files read so far (0 before the first). */
    private long expectedRecords(Path file) {
        long bytes = storedBytesRead.get();
        if (bytes == 0) {
            return 0;
        }
        try {
            return (long) ((double) Files.size(file) * recordsRead.get() / bytes);
        } catch (IOException e) {
            return 0; // reading it says why
        }
    }

    /** A store counts days in one zone: refused before anything is read, not after. */
    private void requireZone() throws SQLException, StoreException {
        Optional<ZoneId> stored = store.zone();
        if (stored.isPresent() && !stored.get().normalized().equals(options.zone().normalized())) {
            throw new StoreException("the store counts days in " + stored.get() + ", not " + options.zone()
                    + "; use --tz " + stored.get() + " or another --data directory", null);
        }
    }

    private void ingest(IngestInput input) throws InterruptedException, SQLException {
        String name = input.name();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(input.file(), BasicFileAttributes.class);
        } catch (IOException e) {
            reject(name, 0, null, "cannot read: " + Captures.describe(e) + linkTarget(input.file()));
            return;
        }
        if (attributes.isDirectory()) {
            reject(name, 0, null, "a directory" + linkTarget(input.file()) + ", not followed: name it to read the captures below it");
            return;
        }
        if (!attributes.isRegularFile()) {
            reject(name, 0, null, "not a regular file (a pipe or a device): read it to its end with 'ingest --stream "
                    + name + "', or continuously with 'observe -'");
            return;
        }
        long size = attributes.size();
        Instant modified = attributes.lastModifiedTime().toInstant();
        Optional<IngestedFile> before = store.ledger().countedFile(name);
        if (before.isPresent() && before.get().size() == size && modified.equals(before.get().modified())) {
            alreadyIngested.add(name);
            return;
        }
        Optional<Match> match;
        String head = null;
        try {
            Map<Integer, String> digests = prefixDigests(input);
            head = digests.get(CaptureIdentity.PREFIX_BYTES);
            match = countedStart(input, digests);
        } catch (IOException e) {
            match = Optional.empty(); // unreadable or not a capture: reading it says why
        }
        if (match.isPresent() && !match.get().more()) {
            if (match.get().counted().path().equals(name)) {
                alreadyIngested.add(name);
            } else {
                record(IngestedFile.notCounted(name, size, modified, Status.DUPLICATE,
                        "the same capture as " + match.get().counted().path() + ", already counted"));
            }
            return;
        }
        if (match.isEmpty() && before.isPresent()) {
            record(IngestedFile.notCounted(name, size, modified, Status.CHANGED,
                    "changed since it was ingested (" + before.get().size() + " bytes then, " + size + " now) and does not start with "
                            + "what was counted; its earlier counts cannot be subtracted, so it is refused: ingest new data as new files"));
            return;
        }
        startReading(input, size, modified, match.map(m -> m.counted()).orElse(null), head);
    }

    /** " (a symbolic link to TARGET)" when the file is a link, else nothing. */
    private static String linkTarget(Path file) {
        try {
            return Files.isSymbolicLink(file) ? " (a symbolic link to " + Files.readSymbolicLink(file) + ")" : "";
        } catch (IOException e) {
            return " (a symbolic link)";
        }
    }

    /**
     * The checksums of the file's first bytes at the lengths the store's and the group's captures
     * are known by, and at {@link CaptureIdentity#PREFIX_BYTES}; first the files being read that
     * the file may start with are waited for, since their lengths are known only once read.
     */
    private Map<Integer, String> prefixDigests(IngestInput input) throws IOException, SQLException, InterruptedException {
        String head = Captures.prefixDigests(input.file(), List.of(CaptureIdentity.PREFIX_BYTES)).get(CaptureIdentity.PREFIX_BYTES);
        for (Member m : group) {
            if (!m.read().isDone() && (head == null || m.head() == null || head.equals(m.head()))) {
                m.pending();
            }
        }
        List<Integer> lengths = new ArrayList<>(store.ledger().prefixLengths());
        lengths.add(CaptureIdentity.PREFIX_BYTES);
        for (Pending p : readPending()) {
            if (p.file().identity() != null) {
                lengths.add(p.file().identity().prefixLength());
            }
        }
        return Captures.prefixDigests(input.file(), lengths);
    }

    /** The group's files that are read, in order. */
    private List<Pending> readPending() throws InterruptedException {
        List<Pending> read = new ArrayList<>();
        for (Member m : group) {
            if (m.read().isDone()) {
                read.add(m.pending());
            }
        }
        return read;
    }

    /** The longest counted capture (in the store or read in this group) that the file starts with. */
    private Optional<Match> countedStart(IngestInput input, Map<Integer, String> digests) throws IOException, SQLException, InterruptedException {
        List<IngestedFile> candidates = new ArrayList<>();
        List<Pending> read = readPending();
        for (Map.Entry<Integer, String> prefix : digests.entrySet()) {
            candidates.addAll(store.ledger().countedWithPrefix(prefix.getKey(), prefix.getValue()));
            for (Pending p : read) {
                CaptureIdentity id = p.file().identity();
                if (p.file().status().counted() && id != null && id.prefixLength() == prefix.getKey()
                        && id.prefixDigest().equals(prefix.getValue())) {
                    candidates.add(p.file());
                }
            }
        }
        candidates.sort((a, b) -> Long.compare(b.identity().length(), a.identity().length()));
        for (IngestedFile candidate : candidates) {
            Optional<Captures.Prefix> start = Captures.prefix(input.file(), candidate.identity().length());
            if (start.isPresent() && start.get().digest().equals(candidate.identity().digest())) {
                return Optional.of(new Match(candidate, start.get().more()));
            }
        }
        return Optional.empty();
    }

    /** Hands a capture to a reading thread. */
    private void startReading(IngestInput input, long size, Instant modified, IngestedFile counted, String head) {
        long expected = expectedRecords(input.file());
        group.add(new Member(readers.submit(() -> read(input, size, modified, counted)), expected, head));
    }

    /** Reads a capture into the pipeline; if it extends {@code counted}, only the records after that part. */
    private Pending read(IngestInput input, long size, Instant modified, IngestedFile counted) throws InterruptedException {
        SourceTally tally = new SourceTally();
        String name = input.name();
        long countFrom = counted == null ? 0 : counted.identity().length();
        Progress progress = new Progress();
        fileStarted(input.file(), size);
        try (CaptureReader reader = Captures.open(input.file())) {
            reader.countFrom(countFrom);
            pipeline.submitAll(reader, tally, () -> progress.to(reader.storedBytesRead(), reader.records()));
            String appended = counted == null ? null
                    : "grew since " + counted.path() + " was counted: only the records after its first " + countFrom + " bytes are counted";
            return new Pending(IngestedFile.read(name, size, modified, reader, countFrom, appended), reader.problems(), tally);
        } catch (IOException e) {
            return rejected(name, size, modified, Captures.describe(e));
        } finally {
            progress.to(size, progress.records);
        }
    }

    /** One file's part of the run's progress, told to the listener as it grows. */
    private final class Progress {
        private long storedBytes;
        private long records;

        void to(long storedBytes, long records) {
            storedBytesRead.addAndGet(storedBytes - this.storedBytes);
            recordsRead.addAndGet(records - this.records);
            this.storedBytes = storedBytes;
            this.records = records;
            synchronized (listener) {
                listener.progress(storedBytesRead.get(), recordsRead.get());
            }
        }
    }

    private void fileStarted(Path file, long size) {
        synchronized (listener) {
            listener.fileStarted(file, size);
        }
    }

    private void reject(String name, long size, Instant modified, String reason) {
        group.add(Member.done(rejected(name, size, modified, reason)));
    }

    private static Pending rejected(String name, long size, Instant modified, String reason) {
        return new Pending(IngestedFile.rejected(name, size, modified, reason), List.of(), new SourceTally());
    }

    private void record(IngestedFile file) {
        group.add(Member.done(new Pending(file, List.of(), new SourceTally())));
    }

    /** Commits the files read since the last commit; after the last group the pipeline is closed first, its buffers let go. */
    private void commitGroup(boolean last) throws StoreException, InterruptedException {
        if (group.isEmpty()) {
            return;
        }
        List<Pending> read = new ArrayList<>();
        for (Member m : group) {
            read.add(m.pending());
        }
        List<DayStates> days;
        try {
            days = pipeline.flush();
        } catch (IllegalStateException e) {
            throw outOfMemory(e).orElseThrow(() -> e);
        }
        if (last) {
            pipeline.close();
        }
        List<IngestedFile> files = new ArrayList<>();
        for (Pending p : read) {
            IngestedFile done = p.file().counted(p.tally());
            files.add(done);
            reports.add(new FileReport(done, p.problems(), p.tally()));
        }
        store.commit(new Provenance.Files(files), days, Long.MAX_VALUE, options.registry(), options.zone());
        group.clear();
    }

    /** A worker that ran out of memory: what helps, in the user's terms. */
    private Optional<StoreException> outOfMemory(IllegalStateException e) {
        if (!(e.getCause() instanceof OutOfMemoryError)) {
            return Optional.empty();
        }
        return Optional.of(new StoreException("not enough memory for these days' sources (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB of heap, " + options.workers() + " workers); nothing of this group was stored: give a larger heap "
                + "(DARKSCOPE_JAVA_OPTS=-Xmx2g) or fewer workers (--workers 1)", e));
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
