package io.darkscope.analysis;

import io.darkscope.pipeline.Day;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An analysis state's compact byte form, the one that Flink's state and Kafka carry. Equal
 * states have equal bytes.
 *
 * @param <S> the state of one day
 */
public interface Codec<S extends AnalysisState<S>> {
    void write(S state, DataOutput out) throws IOException;

    /** Reads a state written by {@link #write}; a damaged input throws an {@link IOException}. */
    S read(Day day, DataInput in) throws IOException;
}
