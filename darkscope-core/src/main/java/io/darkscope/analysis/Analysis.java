package io.darkscope.analysis;

/**
 * One analysis of darknet packets, after Corsaro's plugins: per worker an {@link Accumulator}
 * that turns tagged packets into per-day states, a merge that is associative and commutative
 * (so that workers, files, minutes, Kafka partitions and Flink subtasks agree), a byte
 * {@link Codec} for its state, and the store's {@link AnalysisTables}. Its queries live in its
 * own package. Register a new analysis in {@link Analyses#all()}.
 *
 * @param <S> the state of one day
 */
public interface Analysis<S extends AnalysisState<S>> {
    /** Short, stable name: the codec's tag and the stem of its tables. */
    String name();

    /**
     * How many equal buffers an accumulator keeps (a buffer and the scratch array of its sort,
     * say): the pipeline shares the memory it has for buffers out in proportion. 0 for none.
     */
    int bufferShares();

    /**
     * A new accumulator for one worker.
     *
     * @param memoryBytes what the accumulator may use for its buffers, {@link #bufferShares} of
     *                    them; it works in smaller batches rather than use more, and grows its
     *                    buffers to it only as packets come ({@link BufferGrowth})
     */
    Accumulator<S> newAccumulator(long memoryBytes);

    Codec<S> codec();

    AnalysisTables<S> tables();
}
