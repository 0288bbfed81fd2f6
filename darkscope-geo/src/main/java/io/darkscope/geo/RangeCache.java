package io.darkscope.geo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A database's IPv4 ranges saved beside it ({@code FILE.ranges}), with a note a label (an AS's
 * organisation): parsing the country database or the AS CSV takes a second or more a process,
 * reading the ranges back a few tens of milliseconds. The saved ranges name the size and a
 * checksum of the file they came from (CRC-32C, some tens of milliseconds for these files): a file
 * whose content changed since, even to the same size and time, or ranges that cannot be read,
 * are made again.
 * A directory that cannot be written only costs the saving.
 */
final class RangeCache {
    private static final int MAGIC = 0x44535254; // "DSRT"
    private static final int VERSION = 2;
    private static final int MAX_LABELS = 1 << 24;
    private static final int MAX_RANGES = 1 << 26;

    /** Ranges and their labels' notes. */
    record Ranges(RangeTable table, Map<String, String> notes) {
    }

    interface Source {
        Ranges read(Path file) throws IOException;
    }

    private RangeCache() {
    }

    /** The ranges of {@code file}: saved ones if they are of this version of it, else read by {@code source} and saved. */
    static Ranges load(Path file, Source source) throws IOException {
        Path saved = file.resolveSibling(file.getFileName() + ".ranges");
        long size = Files.size(file);
        long checksum = checksum(file);
        if (Files.isRegularFile(saved)) {
            try {
                Ranges ranges = read(saved, size, checksum);
                if (ranges != null) {
                    return ranges;
                }
            } catch (IOException | RuntimeException e) {
                // damaged: made again below
            }
        }
        Ranges ranges = source.read(file);
        try {
            write(saved, size, checksum, ranges);
        } catch (IOException e) {
            // a read-only directory: the ranges are made again next time
        }
        return ranges;
    }

    private static long checksum(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file)) {
            while (channel.read(buffer) >= 0) {
                crc.update(buffer.flip());
                buffer.clear();
            }
        }
        return crc.getValue();
    }

    private static Ranges read(Path saved, long size, long checksum) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(saved), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || in.readLong() != size || in.readLong() != checksum) {
                return null;
            }
            int labels = count(in.readInt(), MAX_LABELS);
            List<String> names = new ArrayList<>(labels);
            Map<String, String> notes = new HashMap<>();
            for (int i = 0; i < labels; i++) {
                String name = in.readUTF();
                String note = in.readUTF();
                names.add(name);
                if (!note.isEmpty()) {
                    notes.put(name, note);
                }
            }
            int n = count(in.readInt(), MAX_RANGES);
            long[] starts = new long[n];
            long[] ends = new long[n];
            int[] labelOf = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = Integer.toUnsignedLong(in.readInt());
                ends[i] = Integer.toUnsignedLong(in.readInt());
                labelOf[i] = in.readInt();
                if (labelOf[i] < 0 || labelOf[i] >= labels || ends[i] < starts[i] || i > 0 && starts[i] <= ends[i - 1]) {
                    throw new IOException("range " + i + " out of order");
                }
            }
            return new Ranges(RangeTable.of(starts, ends, labelOf, names), notes);
        }
    }

    private static int count(int n, int max) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException("count " + n + " out of bounds");
        }
        return n;
    }

    private static void write(Path saved, long size, long checksum, Ranges ranges) throws IOException {
        Path temporary = Files.createTempFile(saved.getParent(), saved.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(size);
                out.writeLong(checksum);
                RangeTable table = ranges.table();
                out.writeInt(table.labelCount());
                for (int l = 0; l < table.labelCount(); l++) {
                    out.writeUTF(table.name(l));
                    out.writeUTF(ranges.notes().getOrDefault(table.name(l), ""));
                }
                out.writeInt(table.size());
                for (int r = 0; r < table.size(); r++) {
                    out.writeInt((int) table.start(r));
                    out.writeInt((int) table.end(r));
                    out.writeInt(table.label(r));
                }
            }
            Files.move(temporary, saved, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
