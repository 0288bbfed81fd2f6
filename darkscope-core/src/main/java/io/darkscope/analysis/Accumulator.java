package io.darkscope.analysis;

import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;

import java.util.Map;

/**
 * One worker's state of an analysis while packets arrive. Not thread-safe: each worker has its
 * own, and the pipeline merges what they hand over.
 *
 * @param <S> the state of one day
 */
public interface Accumulator<S extends AnalysisState<S>> {
    /** Counts one darknet packet; the view and the tags are reused for the next packet. */
    void accept(PacketView packet, PacketTags tags);

    /** The state of every day seen since the last drain; the accumulator starts afresh. */
    Map<Day, S> drain();
}
