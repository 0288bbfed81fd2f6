package io.darkscope.sensor;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBatch;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SkipReason;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.query.LiveFeed;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-running capture committed to the store window by window. Frames are counted in the
 * window of their capture time: windows are aligned to the interval (every minute on the
 * minute), and a window is committed once the capture clock has passed its end by the
 * lateness, so that frames arriving slightly out of order still land in their own window. A
 * frame older than the open window is late: counted as such, not in the statistics.
 *
 * <p>The capture clock is the newest frame's time, advanced by the wall clock while nothing
 * arrives, so that a quiet link still commits every minute. Each commit records its window;
 * after a crash or restart the sensor drops what was committed before and resumes after it,
 * so a stream replayed from its start is counted exactly once, and a {@code kill -9} loses
 * only the window being filled.
 */
public final class Sensor {
    private static final FrameBatch END = new FrameBatch(16);
    private static final long POLL_MILLIS = 200;
    /** A frame dated further ahead of the wall clock is kept, but does not move the capture clock. */
    private static final long FUTURE_NANOS = Duration.ofDays(1).toNanos();

    private final Store store;
    private final PacketPipeline pipeline;
    private final DarknetRegistry registry;
    private final FrameSource source;
    private final Options options;
    private final Archive archive;
    private final Consumer<Window> onCommit;
    private final SourceTally tally = new SourceTally();
    private final LiveCounters live;
    private final BlockingQueue<FrameBatch> arrived = new LinkedBlockingQueue<>();
    private final FrameBatch held = new FrameBatch(1 << 16);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Exception captureFailure;

    private long horizon;
    private boolean started;
    private long windowStart;
    private long windowEnd;
    private long newest = Long.MIN_VALUE;
    private long lastArrival;
    private long framesInWindow;
    private long frames;
    private long windows;
    private long darknetCommitted;
    private Provenance.CaptureStats statsCommitted = Provenance.CaptureStats.NONE;
    private final Map<SkipReason, Long> skippedCommitted = new EnumMap<>(SkipReason.class);

    /**
     * How a sensor commits.
     *
     * @param name     the sensor's name in the store: its windows resume after a restart under it
     * @param interval the length of a window (default a minute)
     * @param lateness how long after a window's end frames of it may still arrive (default 5 s)
     * @param archive  a directory for the hourly archive of captured frames, or null
     */
    public record Options(String name, Duration interval, Duration lateness, java.nio.file.Path archive, boolean zstdArchive) {
        public Options {
            if (name == null || name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
                throw new IllegalArgumentException("a sensor's name must be non-empty, without '/' or control characters");
            }
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the commit interval must be at least 1 s");
            }
            if (lateness.isNegative() || lateness.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("the lateness must be at least 0 and shorter than the commit interval");
            }
        }

        public static Options named(String name) {
            return new Options(name, Duration.ofMinutes(1), Duration.ofSeconds(5), null, false);
        }

        public Options every(Duration newInterval, Duration newLateness) {
            return new Options(name, newInterval, newLateness, archive, zstdArchive);
        }

        public Options archivedIn(java.nio.file.Path directory, boolean zstd) {
            return new Options(name, interval, lateness, directory, zstd);
        }
    }

    /**
     * A committed window: its capture time range, the darknet packets and skipped frames counted
     * in it, and the capture's counters over it.
     */
    public record Window(String sensor, long fromNanos, long toNanos, long frames, long darknetPackets,
                         Map<SkipReason, Long> skipped, Provenance.CaptureStats stats, List<java.time.LocalDate> days) {
    }

    /** What a sensor did from start to stop. */
    public record Summary(long frames, long darknetPackets, long windows, Map<SkipReason, Long> skipped, Provenance.CaptureStats stats) {
    }

    /**
     * @param onCommit called on the sensor's thread after each window is committed (events, alerts)
     */
    public Sensor(Store store, DarknetRegistry registry, java.time.ZoneId zone, int workers, FrameSource source, Options options,
                  Consumer<Window> onCommit) throws IOException {
        this.store = store;
        this.pipeline = PacketPipeline.builder(registry, zone).workers(workers).build();
        this.registry = registry;
        this.source = source;
        this.options = options;
        this.archive = options.archive() == null ? null
                : new Archive(options.archive(), options.name(), options.zstdArchive() ? Archive.Compression.ZSTD : Archive.Compression.GZIP);
        this.onCommit = onCommit;
        this.live = new LiveCounters(tally, System.nanoTime());
    }

    /** The sensor's live counters, for a server in the same process. */
    public LiveFeed live() {
        return live;
    }

    /**
     * Captures and commits until the source ends or {@link #stop} is called, then commits what
     * was captured last.
     *
     * @throws SensorException if the capture fails or the store refuses a commit
     */
    public Summary run() throws SensorException, InterruptedException {
        try {
            OptionalLong until = store.committedUntil(options.name());
            horizon = until.orElse(Long.MIN_VALUE);
            pipeline.dropBefore(horizon);
            Thread capture = new Thread(this::capture, "darkscope-capture");
            capture.setDaemon(true);
            capture.start();
            observe();
            finish();
            if (captureFailure != null) {
                throw new SensorException(source.describe() + ": " + captureFailure.getMessage(), captureFailure);
            }
            return new Summary(frames, darknetCommitted, windows, Map.copyOf(skippedCommitted), statsCommitted);
        } catch (SQLException e) {
            throw new SensorException("cannot read the store: " + e.getMessage(), e);
        } catch (StoreException e) {
            throw new SensorException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SensorException("cannot write the archive: " + e.getMessage(), e);
        } finally {
            pipeline.close();
            closeQuietly();
            finished.countDown();
        }
    }

    /**
     * Asks a running sensor to commit what it has and stop; waits for it up to {@code timeout}
     * (for a shutdown hook: SIGTERM or Ctrl-C must not lose the last minute).
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopRequested = true;
        source.stop();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void capture() {
        try {
            while (true) {
                FrameBatch batch = pipeline.emptyBatch();
                if (!source.next(batch)) {
                    pipeline.release(batch);
                    break;
                }
                arrived.put(batch);
            }
        } catch (IOException | RuntimeException e) {
            captureFailure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            arrived.add(END);
        }
    }

    private void observe() throws InterruptedException, IOException, StoreException {
        long stopDeadline = Long.MAX_VALUE;
        while (true) {
            FrameBatch batch = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            long now = System.nanoTime();
            if (batch == END) {
                return;
            }
            if (batch != null) {
                accept(batch, now);
            }
            live.tick(now);
            commitDue(clock(batch == null ? now : lastArrival));
            if (stopRequested) {
                // a stream on standard input may never return from its read: wait a little, not for ever
                stopDeadline = Math.min(stopDeadline, now + 2_000_000_000L);
                if (now > stopDeadline) {
                    return;
                }
            }
        }
    }

    /** The capture clock: the newest frame's time, advanced by the wall clock while nothing arrives. */
    private long clock(long now) {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest + Math.max(0, now - lastArrival);
    }

    private void accept(FrameBatch batch, long now) throws IOException {
        if (archive != null) {
            archive.write(batch);
        }
        frames += batch.count();
        long wallLimit = System.currentTimeMillis() * 1_000_000L + FUTURE_NANOS;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < batch.count(); i++) {
            long t = batch.timestampNanos(i);
            if (t >= horizon && t <= wallLimit) {
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        if (!started && first != Long.MAX_VALUE) {
            startWindows(first);
        }
        if (last != Long.MIN_VALUE) {
            newest = Math.max(newest, last);
            lastArrival = now;
        }
        if (started && last >= windowEnd) {
            long end = windowEnd;
            batch.moveTo(held, t -> t >= end && t <= wallLimit);
        }
        framesInWindow += batch.count();
        submit(batch);
    }

    private void startWindows(long firstNanos) {
        long interval = options.interval().toNanos();
        long aligned = Math.floorDiv(firstNanos, interval) * interval;
        windowStart = Math.max(horizon, aligned);
        windowEnd = aligned + interval;
        horizon = windowStart;
        pipeline.dropBefore(horizon);
        started = true;
    }

    private void submit(FrameBatch batch) {
        if (batch.count() > 0) {
            pipeline.submit(batch, tally);
        } else {
            pipeline.release(batch);
        }
    }

    /** Commits every window whose end the clock has passed by the lateness. */
    private void commitDue(long clock) throws InterruptedException, StoreException {
        long lateness = options.lateness().toNanos();
        long interval = options.interval().toNanos();
        while (started && clock != Long.MIN_VALUE && clock - lateness >= windowEnd) {
            commit(windowEnd, Math.floorDiv(windowEnd, 1_000_000_000L));
            long next = Math.max(windowEnd + interval, Math.floorDiv(clock - lateness, interval) * interval);
            windowStart = windowEnd;
            windowEnd = next;
            releaseHeld(next);
        }
    }

    /**
     * Hands the held frames of the new window to the pipeline in a batch of the sensor's own
     * (the pipeline's may all be in the capture thread's hands); later ones stay held.
     */
    private void releaseHeld(long end) {
        if (held.count() == 0) {
            return;
        }
        FrameBatch ready = new FrameBatch(held.dataLength());
        held.moveTo(ready, t -> t < end);
        framesInWindow += ready.count();
        submit(ready);
    }

    private void finish() throws InterruptedException, StoreException {
        if (!started) {
            return;
        }
        releaseHeld(Long.MAX_VALUE);
        long end = Math.max(newest + 1, clock(System.nanoTime()));
        if (end > windowStart) {
            commit(end, Long.MAX_VALUE); // a sensor that stops decides its days now; one that resumes adds to them
        }
    }

    /** Commits the open window up to {@code end}, closing the days that end by {@code closedBefore} (epoch seconds). */
    private void commit(long end, long closedBefore) throws InterruptedException, StoreException {
        List<DayStates> days = pipeline.flush();
        pipeline.dropBefore(end);
        horizon = end;
        Provenance.CaptureStats total = source.stats();
        Provenance.CaptureStats stats = source instanceof InterfaceSource
                ? new Provenance.CaptureStats(total.received() - statsCommitted.received(), total.dropped() - statsCommitted.dropped(),
                        total.interfaceDropped() - statsCommitted.interfaceDropped())
                : new Provenance.CaptureStats(framesInWindow, 0, 0);
        store.commit(new Provenance.Stream(options.name(), windowStart, end, stats), days, closedBefore,
                registry, pipeline.zone());
        long darknet = tally.darknet();
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        tally.skipped().forEach((reason, n) -> skipped.put(reason, n - skippedCommitted.getOrDefault(reason, 0L)));
        Window window = new Window(options.name(), windowStart, end, framesInWindow, darknet - darknetCommitted, skipped, stats,
                days.stream().map(d -> d.day().date()).toList());
        darknetCommitted = darknet;
        skippedCommitted.putAll(tally.skipped());
        statsCommitted = source instanceof InterfaceSource ? total
                : new Provenance.CaptureStats(statsCommitted.received() + framesInWindow, 0, 0);
        framesInWindow = 0;
        windows++;
        onCommit.accept(window);
    }

    private void closeQuietly() {
        try {
            if (archive != null) {
                archive.close();
            }
            source.close();
        } catch (IOException e) {
            captureFailure = captureFailure == null ? e : captureFailure;
        }
    }
}
