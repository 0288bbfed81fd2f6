package io.darkscope.flink;

import org.roaringbitmap.longlong.Roaring64NavigableMap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches each sensor's run already delivered to each partition, by sequence number, so that
 * a batch the publisher sent twice (a send that timed out but was written, then sent again from
 * its spool) is counted once. Sequences are dense per partition and run, so each set is a few
 * runs of a bitmap. Snapshotted as operator state; a task restored after a rescale gets every
 * task's sets (union state) and merges them.
 */
final class SeenBatches {
    private record Key(int partition, String sensor, long run) {
    }

    private final Map<Key, Roaring64NavigableMap> seen = new HashMap<>();

    /** Records a batch; false if it was seen before. */
    boolean add(int partition, String sensor, long run, long sequence) {
        Roaring64NavigableMap sequences = seen.computeIfAbsent(new Key(partition, sensor, run), k -> new Roaring64NavigableMap());
        if (sequences.contains(sequence)) {
            return false;
        }
        sequences.addLong(sequence);
        return true;
    }

    List<byte[]> snapshot() {
        List<byte[]> entries = new ArrayList<>(seen.size());
        seen.forEach((key, sequences) -> entries.add(entry(key, sequences)));
        return entries;
    }

    private static byte[] entry(Key key, Roaring64NavigableMap sequences) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(key.partition());
            out.writeUTF(key.sensor());
            out.writeLong(key.run());
            sequences.runOptimize();
            sequences.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SeenBatches restore(Iterable<byte[]> entries) {
        SeenBatches restored = new SeenBatches();
        for (byte[] entry : entries) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
                Key key = new Key(in.readInt(), in.readUTF(), in.readLong());
                Roaring64NavigableMap sequences = new Roaring64NavigableMap();
                sequences.deserialize(in);
                restored.seen.merge(key, sequences, (a, b) -> {
                    a.or(b);
                    return a;
                });
            } catch (IOException e) {
                throw new UncheckedIOException("damaged state of seen batches", e);
            }
        }
        return restored;
    }
}
