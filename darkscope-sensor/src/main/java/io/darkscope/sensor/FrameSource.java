package io.darkscope.sensor;

import io.darkscope.capture.FrameBatch;
import io.darkscope.store.Provenance;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where a sensor's frames come from: a live interface or a pcap stream. One capture thread calls
 * {@link #next}; any thread may ask for {@link #stats} or {@link #stop}.
 */
public interface FrameSource extends Closeable {
    /**
     * Fills the batch with the frames that have arrived, waiting for at least one; hands it on
     * after a short while rather than waiting for it to fill, so that a quiet link is still seen
     * soon.
     *
     * @return false when the source has ended (end of stream, or {@link #stop})
     */
    boolean next(FrameBatch batch) throws IOException;

    /** The capture's counters since it started (none for a stream, which has no capture of its own). */
    Provenance.CaptureStats stats();

    /** Makes {@link #next} return false soon, from another thread. */
    void stop();

    /** What the source reads, for messages: "interface eth1", "standard input". */
    String describe();
}
