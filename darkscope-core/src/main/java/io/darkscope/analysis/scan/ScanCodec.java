package io.darkscope.analysis.scan;

import io.darkscope.analysis.Codec;
import io.darkscope.analysis.Varint;
import io.darkscope.pipeline.Day;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A day's activity as bytes: its records as one run, chunk by chunk (first and last source, records, length, bytes). */
final class ScanCodec implements Codec<DayScans> {
    private static final int MAX_CHUNKS = 1 << 24;

    @Override
    public void write(DayScans day, DataOutput out) throws IOException {
        List<Chunk> chunks = day.chunks();
        Varint.write(out, chunks.size());
        for (Chunk c : chunks) {
            Varint.write(out, c.firstSource() & 0xffffffffL);
            Varint.write(out, c.lastSource() & 0xffffffffL);
            Varint.write(out, c.records());
            Varint.write(out, c.bytes().length);
            out.write(c.bytes());
        }
    }

    @Override
    public DayScans read(Day day, DataInput in) throws IOException {
        int n = Varint.readInt(in, MAX_CHUNKS);
        List<Chunk> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int first = (int) Varint.read(in);
            int last = (int) Varint.read(in);
            int records = Varint.readInt(in, Integer.MAX_VALUE);
            byte[] bytes = new byte[Varint.readInt(in, 1 << 30)];
            in.readFully(bytes);
            chunks.add(new Chunk(bytes, first, last, records));
        }
        DayScans state = new DayScans(day);
        state.addRun(chunks);
        return state;
    }
}
