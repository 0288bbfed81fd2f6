package io.darkscope.store;

import io.darkscope.aggregate.DayBackscatter;
import io.darkscope.aggregate.DayFingerprints;
import io.darkscope.aggregate.DayResults;
import io.darkscope.aggregate.DayTraffic;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded DuckDB database in a data directory: daily statistics, the ingest ledger and the
 * darknet registry (schema in {@code schema.sql}). A commit replaces the rows of the days it
 * touches with the merge of what was stored and what is new, in one transaction together with
 * the ledger rows of the files it came from: a crash leaves all of it or none.
 */
public final class Store implements AutoCloseable {
    /** File name of the database inside the data directory. */
    public static final String DATABASE = "darkscope.duckdb";
    /** Version 2 added fingerprints, backscatter and events, which a version 1 store lacks for its days. */
    private static final String SCHEMA_VERSION = "2";

    private final DuckDBConnection connection;
    private final Path dataDirectory;
    private final TrafficTables trafficTables;
    private final FingerprintTables fingerprintTables;
    private final BackscatterTables backscatterTables;

    private Store(DuckDBConnection connection, Path dataDirectory) {
        this.connection = connection;
        this.dataDirectory = dataDirectory;
        this.trafficTables = new TrafficTables(connection);
        this.fingerprintTables = new FingerprintTables(connection);
        this.backscatterTables = new BackscatterTables(connection);
    }

    /** Opens (creating if needed) the store of a data directory for reading and writing. */
    public static Store open(Path dataDirectory) throws StoreException {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        Store store = connect(dataDirectory, false);
        try {
            if (store.schemaVersion().isPresent()) {
                store.requireCurrentSchema();
            }
            store.createSchema();
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Opens an existing store read-only, so that several readers can share it. */
    public static Store openReadOnly(Path dataDirectory) throws StoreException {
        if (!Files.exists(dataDirectory.resolve(DATABASE))) {
            throw new StoreException("no darkscope store in " + dataDirectory + ": run 'darkscope ingest' first (or give --data DIR)", null);
        }
        Store store = connect(dataDirectory, true);
        try {
            store.requireCurrentSchema();
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private Optional<String> schemaVersion() {
        try {
            return meta("schema_version");
        } catch (SQLException e) {
            return Optional.empty(); // no meta table: a new database
        }
    }

    private void requireCurrentSchema() throws StoreException {
        String found = schemaVersion().orElse("none");
        if (!found.equals(SCHEMA_VERSION)) {
            throw new StoreException("the store " + dataDirectory.resolve(DATABASE) + " has schema version " + found + ", this darkscope needs "
                    + SCHEMA_VERSION + ": ingest the captures again into a new data directory (--data DIR)", null);
        }
    }

    private static Store connect(Path dataDirectory, boolean readOnly) throws StoreException {
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        Path database = dataDirectory.resolve(DATABASE);
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), properties);
            return new Store(c.unwrap(DuckDBConnection.class), dataDirectory);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("lock")) {
                throw new StoreException("the store " + database + " is in use by another process (DuckDB allows one writer); "
                        + "wait for it to finish", e);
            }
            throw new StoreException("cannot open the store " + database + ": " + message, e);
        }
    }

    private void createSchema() throws StoreException {
        try (InputStream in = Store.class.getResourceAsStream("schema.sql"); Statement s = connection.createStatement()) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            if (meta("schema_version").isEmpty()) {
                setMeta("schema_version", SCHEMA_VERSION);
            }
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot create the schema of " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC connection, for the query layer's read-only SQL. */
    public Connection connection() {
        return connection;
    }

    public Optional<String> meta(String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM meta WHERE key = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO meta VALUES (?, ?)")) {
            delete.setString(1, key);
            delete.executeUpdate();
            insert.setString(1, key);
            insert.setString(2, value);
            insert.executeUpdate();
        }
    }

    /** The time zone the store's days are in, if anything was ingested. */
    public Optional<ZoneId> zone() throws SQLException {
        return meta("timezone").map(ZoneId::of);
    }

    /** The registry of the latest ingest, or an empty one. */
    public DarknetRegistry registry() throws SQLException {
        List<DarknetRegistry.Entry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT prefix, valid_from, valid_to FROM darknet")) {
            while (r.next()) {
                entries.add(new DarknetRegistry.Entry(Prefix.parse(r.getString(1)), localDate(r, 2), localDate(r, 3)));
            }
        }
        return new DarknetRegistry(entries);
    }

    private static LocalDate localDate(ResultSet r, int column) throws SQLException {
        return r.getObject(column, LocalDate.class);
    }

    /** The latest ledger row for a path whose packets were counted. */
    public Optional<IngestedFile> countedFile(String path) throws SQLException {
        return firstFile("SELECT * FROM ingested_files WHERE path = ? AND status IN ('ok', 'damaged') ORDER BY ingested_at DESC LIMIT 1", path);
    }

    /** A counted file with this content checksum. */
    public Optional<IngestedFile> countedContent(String contentHash) throws SQLException {
        return firstFile("SELECT * FROM ingested_files WHERE content_hash = ? AND status IN ('ok', 'damaged') LIMIT 1", contentHash);
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

    private Optional<IngestedFile> firstFile(String sql, String parameter) throws SQLException {
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
                instant(r, "last_packet"), IngestedFile.Status.valueOf(r.getString("status").toUpperCase(java.util.Locale.ROOT)),
                r.getString("message"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        LocalDateTime t = r.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /**
     * Merges new days into the store and records the files they came from, in one transaction.
     *
     * @throws StoreException if the store's time zone differs from {@code zone}
     */
    public void commit(List<IngestedFile> files, Collection<DayResults> days, DarknetRegistry registry, ZoneId zone)
            throws StoreException {
        try {
            Optional<ZoneId> stored = zone();
            if (stored.isPresent() && !stored.get().normalized().equals(zone.normalized()) && !days.isEmpty()) {
                throw new StoreException("the store counts days in " + stored.get() + ", not " + zone
                        + "; use --tz " + stored.get() + " or another --data directory", null);
            }
            connection.setAutoCommit(false);
            try {
                writeDays(days, registry, zone);
                writeFiles(files);
                if (!days.isEmpty()) {
                    setMeta("timezone", zone.getId());
                    writeRegistry(registry);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write to the store in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private void writeDays(Collection<DayResults> days, DarknetRegistry registry, ZoneId zone) throws SQLException {
        List<DayTraffic> traffic = new ArrayList<>(days.size());
        List<DayFingerprints> fingerprints = new ArrayList<>(days.size());
        List<DayBackscatter> backscatter = new ArrayList<>(days.size());
        for (DayResults day : days) {
            traffic.add(trafficTables.load(day.date(), zone).map(stored -> stored.merge(day.traffic())).orElse(day.traffic()));
            fingerprints.add(fingerprintTables.load(day.date()).merge(day.fingerprints()));
            backscatter.add(backscatterTables.load(day.date()).merge(day.backscatter()));
        }
        List<String> tables = new ArrayList<>(TrafficTables.TABLES);
        tables.addAll(FingerprintTables.TABLES);
        tables.addAll(BackscatterTables.TABLES);
        for (String table : tables) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE day = ?")) {
                for (DayResults day : days) {
                    delete.setObject(1, day.date());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        trafficTables.write(traffic, registry);
        fingerprintTables.write(fingerprints);
        backscatterTables.write(backscatter);
    }

    private void writeFiles(List<IngestedFile> files) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void writeRegistry(DarknetRegistry registry) throws SQLException {
        try (Statement clear = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO darknet VALUES (?, ?, ?)")) {
            clear.execute("DELETE FROM darknet");
            for (DarknetRegistry.Entry e : registry.entries()) {
                insert.setString(1, e.prefix().toString());
                insert.setObject(2, e.from());
                insert.setObject(3, e.to());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("cannot close the store: " + e.getMessage(), e));
        }
    }
}
