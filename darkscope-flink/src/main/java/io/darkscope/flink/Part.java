package io.darkscope.flink;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureIdentity;
import io.darkscope.store.IngestedFile;
import io.darkscope.store.Provenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task hands the store's sink: every analysis's state of the days some packets fell on,
 * and where the packets came from: Kafka offsets, or one capture file (its ledger row). Travels
 * as bytes ({@link #toBytes}, version 1), with the states in their own codec ({@link DayStates#toBytes}).
 *
 * @param file the capture's ledger row, or null for packets from Kafka
 */
record Part(List<DayStates> days, List<Provenance.OffsetRange> offsets, IngestedFile file) {
    private static final int VERSION = 1;

    Part {
        days = List.copyOf(days);
        offsets = List.copyOf(offsets);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(days.size());
        for (DayStates day : days) {
            byte[] states = day.toBytes();
            out.writeInt(states.length);
            out.write(states);
        }
        out.writeInt(offsets.size());
        for (Provenance.OffsetRange range : offsets) {
            out.writeInt(range.partition());
            out.writeLong(range.from());
            out.writeLong(range.to());
        }
        out.writeBoolean(file != null);
        if (file != null) {
            writeFile(file, out);
        }
    }

    static Part fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a damaged part of day states", e);
        }
    }

    static Part read(DataInputStream in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("a part of version " + version + ", this darkscope reads " + VERSION);
        }
        List<DayStates> days = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            days.add(DayStates.fromBytes(in.readNBytes(in.readInt())));
        }
        List<Provenance.OffsetRange> offsets = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            offsets.add(new Provenance.OffsetRange(in.readInt(), in.readLong(), in.readLong()));
        }
        return new Part(days, offsets, in.readBoolean() ? readFile(in) : null);
    }

    private static void writeFile(IngestedFile f, DataOutputStream out) throws IOException {
        out.writeUTF(f.path());
        out.writeLong(f.size());
        writeInstant(f.modified(), out);
        writeNullable(f.format(), out);
        out.writeLong(f.packets());
        out.writeLong(f.darknetPackets());
        writeInstant(f.firstPacket(), out);
        writeInstant(f.lastPacket(), out);
        out.writeUTF(f.status().name());
        writeNullable(f.message(), out);
        CaptureIdentity id = f.identity();
        out.writeBoolean(id != null);
        if (id != null) {
            out.writeLong(id.length());
            out.writeUTF(id.digest());
            out.writeInt(id.prefixLength());
            out.writeUTF(id.prefixDigest());
        }
        out.writeLong(f.countedFrom());
    }

    private static IngestedFile readFile(DataInputStream in) throws IOException {
        String path = in.readUTF();
        long size = in.readLong();
        Instant modified = readInstant(in);
        String format = readNullable(in);
        long packets = in.readLong();
        long darknet = in.readLong();
        Instant first = readInstant(in);
        Instant last = readInstant(in);
        IngestedFile.Status status = IngestedFile.Status.valueOf(in.readUTF());
        String message = readNullable(in);
        CaptureIdentity id = in.readBoolean() ? new CaptureIdentity(in.readLong(), in.readUTF(), in.readInt(), in.readUTF()) : null;
        return new IngestedFile(path, size, modified, format, packets, darknet, first, last, status, message, id, in.readLong());
    }

    private static void writeInstant(Instant t, DataOutputStream out) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static void writeNullable(String s, DataOutputStream out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
