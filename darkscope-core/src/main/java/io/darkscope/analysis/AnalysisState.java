package io.darkscope.analysis;

import io.darkscope.pipeline.Day;

/**
 * An analysis's state of one day, from any subset of that day's packets. Merging the states of
 * two disjoint subsets gives the state of their union, whatever the order: the state is a
 * function of the set of packets, never of how they were cut or in which order they came.
 *
 * @param <S> the state's own type
 */
public interface AnalysisState<S extends AnalysisState<S>> {
    Day day();

    /** Adds {@code other}, a state of the same day, into this one and returns this; {@code other} must not be used afterwards. */
    S merge(S other);
}
