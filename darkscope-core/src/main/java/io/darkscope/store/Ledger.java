package io.darkscope.store;

import io.darkscope.capture.CaptureIdentity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The ingest ledger: every file darkscope was given and what became of it (table ingested_files). */
public final class Ledger {
    private static final String COUNTED = "status IN ('ok', 'damaged')";

    private final Connection connection;

    Ledger(Connection connection) {
        this.connection = connection;
    }

    /** The latest ledger row for a path whose packets were counted. */
    public Optional<IngestedFile> countedFile(String path) throws SQLException {
        List<IngestedFile> rows = query("SELECT * FROM ingested_files WHERE path = ? AND " + COUNTED + " ORDER BY ingested_at DESC LIMIT 1",
                path);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The latest ledger row for a path, whatever became of the file. */
    public Optional<IngestedFile> latest(String path) throws SQLException {
        List<IngestedFile> rows = query("SELECT * FROM ingested_files WHERE path = ? ORDER BY ingested_at DESC LIMIT 1", path);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The lengths the counted captures' prefix checksums cover (64 KiB, and those of smaller captures). */
    public List<Integer> prefixLengths() throws SQLException {
        List<Integer> lengths = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT prefix_length FROM ingested_files WHERE " + COUNTED + " AND prefix_length IS NOT NULL")) {
            while (r.next()) {
                lengths.add(r.getInt(1));
            }
        }
        return lengths;
    }

    /** The counted captures that start with this prefix, the longest first. */
    public List<IngestedFile> countedWithPrefix(int length, String digest) throws SQLException {
        return query("SELECT * FROM ingested_files WHERE " + COUNTED + " AND prefix_length = ? AND prefix_digest = ? "
                + "ORDER BY content_length DESC", length, digest);
    }

    private List<IngestedFile> query(String sql, Object... parameters) throws SQLException {
        List<IngestedFile> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(file(r));
                }
            }
        }
        return rows;
    }

    /** The whole ledger, oldest first. */
    public List<IngestedFile> files() throws SQLException {
        List<IngestedFile> files = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM ingested_files ORDER BY ingested_at, path")) {
            while (r.next()) {
                files.add(file(r));
            }
        }
        return files;
    }

    private static IngestedFile file(ResultSet r) throws SQLException {
        long length = r.getLong("content_length");
        CaptureIdentity identity = r.wasNull() ? null
                : new CaptureIdentity(length, r.getString("content_digest"), r.getInt("prefix_length"), r.getString("prefix_digest"));
        return new IngestedFile(r.getString("path"), r.getLong("size"), instant(r, "modified"), r.getString("format"),
                r.getLong("packets"), r.getLong("darknet_packets"), instant(r, "first_packet"), instant(r, "last_packet"),
                IngestedFile.Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)), r.getString("message"), identity,
                r.getLong("counted_from"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        LocalDateTime t = r.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    void write(List<IngestedFile> files, long commit) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
            for (IngestedFile f : files) {
                CaptureIdentity id = f.identity();
                s.setString(1, f.path());
                s.setLong(2, f.size());
                s.setObject(3, utc(f.modified()));
                s.setString(4, f.format());
                s.setLong(5, f.packets());
                s.setLong(6, f.darknetPackets());
                s.setObject(7, utc(f.firstPacket()));
                s.setObject(8, utc(f.lastPacket()));
                s.setString(9, f.status().label());
                s.setString(10, f.message());
                s.setObject(11, id == null ? null : id.length());
                s.setString(12, id == null ? null : id.digest());
                s.setObject(13, id == null ? null : id.prefixLength());
                s.setString(14, id == null ? null : id.prefixDigest());
                s.setLong(15, f.countedFrom());
                s.setTimestamp(16, now);
                s.setLong(17, commit);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
