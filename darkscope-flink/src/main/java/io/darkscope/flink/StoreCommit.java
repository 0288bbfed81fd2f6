package io.darkscope.flink;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one checkpoint hands the store: its parts, committed in one transaction once the
 * checkpoint is complete (and again after a restore: the store knows a replay). From Kafka, one
 * part with every task's states merged and the offsets of every partition read; from files,
 * one part per capture, so that each file can be told apart (one counted before is not counted again).
 *
 * @param closedBefore days ending by then (epoch seconds) are closed: the watermark less the lateness
 */
record StoreCommit(long closedBefore, List<Part> parts) {
    StoreCommit {
        parts = List.copyOf(parts);
    }

    /** Committables in checkpoints, version 1. */
    static final class Serializer implements SimpleVersionedSerializer<StoreCommit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(StoreCommit commit) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(commit.closedBefore());
                out.writeInt(commit.parts().size());
                for (Part part : commit.parts()) {
                    part.write(out);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public StoreCommit deserialize(int version, byte[] serialized) throws IOException {
            if (version != getVersion()) {
                throw new IOException("a commit of version " + version + " in the checkpoint; this darkscope reads version " + getVersion());
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                long closedBefore = in.readLong();
                List<Part> parts = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    parts.add(Part.read(in));
                }
                return new StoreCommit(closedBefore, parts);
            }
        }
    }
}
