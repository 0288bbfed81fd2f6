package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.Codec;
import io.darkscope.analysis.Varint;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SourceSet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** A day's spoofed-looking packets as bytes: per kind in order, its packets and its sources' bitmap (length first). */
final class SpoofedCodec implements Codec<DaySpoofed> {
    @Override
    public void write(DaySpoofed day, DataOutput out) throws IOException {
        for (int k = 0; k < day.packets.length; k++) {
            Varint.write(out, day.packets[k]);
            byte[] sources = SourceSet.serialize(day.sources[k]);
            Varint.write(out, sources.length);
            out.write(sources);
        }
    }

    @Override
    public DaySpoofed read(Day day, DataInput in) throws IOException {
        DaySpoofed state = new DaySpoofed(day);
        for (int k = 0; k < state.packets.length; k++) {
            state.packets[k] = Varint.read(in);
            byte[] sources = new byte[Varint.readInt(in, 1 << 30)];
            in.readFully(sources);
            state.sources[k].or(SourceSet.fromBytes(sources, null).ipv4Bitmap());
        }
        return state;
    }
}
