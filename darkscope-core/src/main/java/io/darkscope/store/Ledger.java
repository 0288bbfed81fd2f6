package io.darkscope.store;

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
    private final Connection connection;

    Ledger(Connection connection) {
        this.connection = connection;
    }

    /** The latest ledger row for a path whose packets were counted. */
    public Optional<IngestedFile> countedFile(String path) throws SQLException {
        return first("SELECT * FROM ingested_files WHERE path = ? AND status IN ('ok', 'damaged') ORDER BY ingested_at DESC LIMIT 1", path);
    }

    /** A counted file with this content checksum. */
    public Optional<IngestedFile> countedContent(String contentHash) throws SQLException {
        return first("SELECT * FROM ingested_files WHERE content_hash = ? AND status IN ('ok', 'damaged') LIMIT 1", contentHash);
    }

    /** Whether a counted file has this size (the cheap test before hashing a file twice). */
    public boolean hasCountedFileOfSize(long size) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM ingested_files WHERE size = ? AND status IN ('ok', 'damaged') LIMIT 1")) {
            s.setLong(1, size);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private Optional<IngestedFile> first(String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(file(r)) : Optional.empty();
            }
        }
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
        return new IngestedFile(r.getString("path"), r.getLong("size"), instant(r, "modified"), r.getString("content_hash"),
                r.getString("format"), r.getLong("packets"), r.getLong("darknet_packets"), instant(r, "first_packet"),
                instant(r, "last_packet"), IngestedFile.Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)),
                r.getString("message"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        LocalDateTime t = r.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    void write(List<IngestedFile> files, long commit) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
            for (IngestedFile f : files) {
                s.setString(1, f.path());
                s.setLong(2, f.size());
                s.setObject(3, utc(f.modified()));
                s.setString(4, f.contentHash());
                s.setString(5, f.format());
                s.setLong(6, f.packets());
                s.setLong(7, f.darknetPackets());
                s.setObject(8, utc(f.firstPacket()));
                s.setObject(9, utc(f.lastPacket()));
                s.setString(10, f.status().label());
                s.setString(11, f.message());
                s.setTimestamp(12, now);
                s.setLong(13, commit);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
