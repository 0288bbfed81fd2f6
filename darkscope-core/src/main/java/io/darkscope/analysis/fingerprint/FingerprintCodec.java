package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.Codec;
import io.darkscope.analysis.Varint;
import io.darkscope.pipeline.Day;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A day's fingerprint evidence as bytes: the number of sources, then per source in ascending
 * order the gap from the previous address and its counts, as varints (the IP ID range only for
 * a source with Mirai SYNs). It is also the stored form.
 */
final class FingerprintCodec implements Codec<FingerprintState> {
    /** More sources than IPv4 has. */
    private static final int MAX_SOURCES = Integer.MAX_VALUE - 8;

    @Override
    public void write(FingerprintState s, DataOutput out) throws IOException {
        Varint.write(out, s.size);
        long previous = -1;
        for (int i = 0; i < s.size; i++) {
            long source = s.sources[i] & 0xffffffffL;
            Varint.write(out, source - previous - 1);
            previous = source;
            Varint.write(out, s.mirai[i]);
            if (s.mirai[i] > 0) {
                out.writeInt(s.miraiIds[i]);
            }
            Varint.write(out, s.syns[i]);
            Varint.write(out, s.zmap[i]);
            Varint.write(out, s.masscan[i]);
        }
    }

    @Override
    public FingerprintState read(Day day, DataInput in) throws IOException {
        int n = Varint.readInt(in, MAX_SOURCES);
        FingerprintState s = new FingerprintState(day, Math.min(n, 1 << 20));
        long source = -1;
        for (int i = 0; i < n; i++) {
            source += Varint.read(in) + 1;
            if (source > 0xffffffffL) {
                throw new IOException("source address beyond IPv4 in fingerprint state");
            }
            int mirai = count(in);
            int ids = mirai > 0 ? in.readInt() : 0;
            s.ensureCapacity(i + 1);
            s.append((int) source, mirai, ids, count(in), count(in), count(in));
        }
        return s;
    }

    private static int count(DataInput in) throws IOException {
        return Varint.readInt(in, Integer.MAX_VALUE);
    }
}
