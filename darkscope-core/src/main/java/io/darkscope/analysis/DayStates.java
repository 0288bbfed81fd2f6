package io.darkscope.analysis;

import io.darkscope.pipeline.Day;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Every analysis's state of one day, from some of that day's packets: what a pipeline hands
 * over, what the store commits as one part, what Flink and Kafka carry. Merges analysis by analysis.
 */
public final class DayStates {
    private final Day day;
    private final AnalysisState<?>[] states;

    public DayStates(Day day) {
        this.day = day;
        this.states = new AnalysisState<?>[Analyses.all().size()];
    }

    public Day day() {
        return day;
    }

    /** One analysis's state, or null if it had nothing of this day. */
    @SuppressWarnings("unchecked")
    public <S extends AnalysisState<S>> S get(Analysis<S> analysis) {
        return (S) states[Analyses.indexOf(analysis)];
    }

    /** Adds one analysis's state of this day. */
    public <S extends AnalysisState<S>> DayStates add(Analysis<S> analysis, S state) {
        if (!state.day().equals(day)) {
            throw new IllegalArgumentException("a state of " + state.day() + " added to " + day);
        }
        int i = Analyses.indexOf(analysis);
        states[i] = merged(states[i], state);
        return this;
    }

    /** Adds {@code other}, of the same day, into this one and returns this. */
    public DayStates merge(DayStates other) {
        if (!other.day.equals(day)) {
            throw new IllegalArgumentException("cannot merge " + other.day + " into " + day);
        }
        for (int i = 0; i < states.length; i++) {
            states[i] = merged(states[i], other.states[i]);
        }
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AnalysisState<?> merged(AnalysisState<?> mine, AnalysisState<?> other) {
        if (mine == null) {
            return other;
        }
        return other == null ? mine : (AnalysisState<?>) ((AnalysisState) mine).merge(other);
    }

    /** The codec form: the day, then each analysis's name and state. */
    public byte[] toBytes() {
        ByteOutput out = new ByteOutput(1 << 12);
        try {
            out.writeLong(day.date().toEpochDay());
            out.writeLong(day.startEpochSecond());
            out.writeLong(day.endEpochSecond());
            List<Analysis<?>> all = Analyses.all();
            for (int i = 0; i < all.size(); i++) {
                if (states[i] != null) {
                    out.writeUTF(all.get(i).name());
                    write(all.get(i), states[i], out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static <S extends AnalysisState<S>> void write(Analysis<S> analysis, AnalysisState<?> state, DataOutput out)
            throws IOException {
        analysis.codec().write((S) state, out);
    }

    /**
     * Reads the codec form.
     *
     * @throws IOException if the bytes are damaged or name an analysis this darkscope lacks
     */
    public static DayStates fromBytes(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Day day = new Day(LocalDate.ofEpochDay(in.readLong()), in.readLong(), in.readLong());
        DayStates states = new DayStates(day);
        while (in.available() > 0) {
            String name = in.readUTF();
            Analysis<?> analysis = Analyses.all().stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IOException("state of an unknown analysis '" + name + "'"));
            read(analysis, states, in);
        }
        return states;
    }

    private static <S extends AnalysisState<S>> void read(Analysis<S> analysis, DayStates states, DataInputStream in) throws IOException {
        states.add(analysis, analysis.codec().read(states.day, in));
    }
}
