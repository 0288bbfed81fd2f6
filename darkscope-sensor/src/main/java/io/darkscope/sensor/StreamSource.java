package io.darkscope.sensor;

import io.darkscope.capture.CaptureProblem;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.store.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A pcap or pcapng capture arriving on a stream, e.g. {@code tcpdump -U -w - | darkscope observe -}:
 * records are handed on as they arrive. Damage (a record cut short when the writer was killed)
 * ends the stream and is reported by {@link #problems}; every record before it counts.
 */
public final class StreamSource implements FrameSource {
    private final CaptureReader reader;
    private final String name;
    private volatile boolean stopped;

    private StreamSource(CaptureReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /**
     * Waits for the capture's header and opens the stream.
     *
     * @throws io.darkscope.capture.CaptureFormatException if it is not a pcap or pcapng capture
     */
    public static StreamSource open(InputStream in, String name) throws IOException {
        return new StreamSource(Captures.open(in), name);
    }

    @Override
    public boolean next(FrameBatch batch) {
        return !stopped && reader.next(batch);
    }

    @Override
    public Provenance.CaptureStats stats() {
        return Provenance.CaptureStats.NONE;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    /** What was wrong with the stream, with offsets. */
    public List<CaptureProblem> problems() {
        return reader.problems();
    }

    @Override
    public String describe() {
        return name + " (" + reader.format() + ")";
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
