package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.Codec;
import io.darkscope.analysis.Varint;
import io.darkscope.pipeline.Day;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A day's backscatter as bytes: its (victim, second) entries, then its (victim, port, minute) entries, each in key order. */
final class BackscatterCodec implements Codec<DayBackscatter> {
    private static final int MAX_ENTRIES = 1 << 28;

    @Override
    public void write(DayBackscatter day, DataOutput out) throws IOException {
        long[] seconds = DayBackscatter.sortedKeys(day.seconds);
        Varint.write(out, seconds.length);
        for (long key : seconds) {
            out.writeLong(key);
            Varint.write(out, day.seconds.get(key));
            out.writeLong(day.times.get(key));
        }
        long[] ports = DayBackscatter.sortedKeys(day.ports);
        Varint.write(out, ports.length);
        for (long key : ports) {
            out.writeLong(key);
            Varint.write(out, day.ports.get(key));
        }
    }

    @Override
    public DayBackscatter read(Day day, DataInput in) throws IOException {
        DayBackscatter state = new DayBackscatter(day);
        int n = Varint.readInt(in, MAX_ENTRIES);
        for (int i = 0; i < n; i++) {
            long key = in.readLong();
            state.addSecond(key, Varint.read(in), in.readLong());
        }
        n = Varint.readInt(in, MAX_ENTRIES);
        for (int i = 0; i < n; i++) {
            long key = in.readLong();
            state.ports.addTo(key, Varint.read(in));
        }
        return state;
    }
}
