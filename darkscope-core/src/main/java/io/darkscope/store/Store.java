package io.darkscope.store;

import io.darkscope.analysis.Analyses;
import io.darkscope.analysis.Analysis;
import io.darkscope.analysis.AnalysisState;
import io.darkscope.analysis.DayStates;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.pipeline.Day;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The embedded DuckDB database in a data directory: the analyses' tables, the commits with
 * their provenance, the ingest ledger, the darknet registry and the events (core schema in
 * {@code schema.sql}, each analysis's in its own package). The store has one writer: the
 * process that opened it with {@link #open}; others may open it {@link #openReadOnly read-only}
 * only while no writer has it. A commit writes its states, its provenance and the days it
 * closes in one transaction: a crash leaves all of it or none. A batch writer ({@link #openForBatch})
 * makes each commit durable by a checkpoint instead of DuckDB's log.
 */
public final class Store implements AutoCloseable {
    /** File name of the database inside the data directory. */
    public static final String DATABASE = "darkscope.duckdb";
    /** Version 4 adds scan activity, spoofed-looking packets and survey-scanner lists (version 3: days in parts, provenance). */
    private static final String SCHEMA_VERSION = "5";
    /** The name a batch writer gives the database it attaches. */
    private static final String CATALOG = "store";
    /**
     * Rows of a batch writer's row groups: few enough that DuckDB writes the rows of a commit to
     * the file as they are appended (a day's 142K rows of scan records in DuckDB's 122,880-row
     * groups leave a 25 MB tail for its log and its checkpoint) and holds less of them in memory.
     */
    private static final int BATCH_ROW_GROUP_ROWS = 8_192;

    /** How a process opens the database file. */
    private enum Access {
        READ_ONLY, READ_WRITE, BATCH
    }

    private final DuckDBConnection connection;
    private final Path dataDirectory;
    private final boolean batch;
    private final Ledger ledger;
    private final Parts parts;

    private Store(DuckDBConnection connection, Path dataDirectory, boolean batch) {
        this.connection = connection;
        this.dataDirectory = dataDirectory;
        this.batch = batch;
        this.ledger = new Ledger(connection);
        this.parts = new Parts(connection);
    }

    /** Opens (creating if needed) the store of a data directory for reading and writing. */
    public static Store open(Path dataDirectory) throws StoreException {
        return openWritable(dataDirectory, Access.READ_WRITE);
    }

    /**
     * Opens (creating if needed) the store for a batch of commits by this process alone (an
     * ingest): DuckDB writes no log, and each {@link #commit} ends with a checkpoint, which writes
     * the commit's rows into the file once instead of into the log and again at the next
     * checkpoint (on the outbreak day of bench/ingest.sh, 80 MB of large blobs and the scan
     * records' tail). Other writes are made durable by the next commit, or by the checkpoint
     * DuckDB makes when the store is closed; a crash before either loses them, never a commit.
     */
    public static Store openForBatch(Path dataDirectory) throws StoreException {
        return openWritable(dataDirectory, Access.BATCH);
    }

    private static Store openWritable(Path dataDirectory, Access access) throws StoreException {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        Store store = connect(dataDirectory, access);
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

    /** Opens an existing store for reading and writing; a data directory without one is refused, not given an empty store. */
    public static Store openExisting(Path dataDirectory) throws StoreException {
        requireStore(dataDirectory);
        return open(dataDirectory);
    }

    /** Opens an existing store read-only, so that several readers can share it. */
    public static Store openReadOnly(Path dataDirectory) throws StoreException {
        requireStore(dataDirectory);
        Store store = connect(dataDirectory, Access.READ_ONLY);
        try {
            store.requireCurrentSchema();
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static void requireStore(Path dataDirectory) throws StoreException {
        if (!Files.exists(dataDirectory.resolve(DATABASE))) {
            throw new StoreException("no darkscope store in " + dataDirectory + ": run 'darkscope ingest' first (or give --data DIR)", null);
        }
    }

    private Optional<String> schemaVersion() throws StoreException {
        try {
            return meta("schema_version");
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty(); // no meta table: a new database, or one killed while it was created
            }
            throw StoreFaults.of(dataDirectory.resolve(DATABASE), "open", e); // truncated or damaged where the catalog lies
        }
    }

    private void requireCurrentSchema() throws StoreException {
        Optional<String> version = schemaVersion();
        if (version.isEmpty()) {
            throw new StoreException("the store " + dataDirectory.resolve(DATABASE) + " was never completed (an ingest stopped while "
                    + "creating it): run the ingest again", null);
        }
        String found = version.get();
        if (!found.equals(SCHEMA_VERSION)) {
            throw new StoreException("the store " + dataDirectory.resolve(DATABASE) + " has schema version " + found + ", this darkscope needs "
                    + SCHEMA_VERSION + ": ingest the captures again into a new data directory (--data DIR)", null);
        }
    }

    private static Store connect(Path dataDirectory, Access access) throws StoreException {
        Path database = dataDirectory.resolve(DATABASE);
        try {
            Optional<String> foreign = StoreFaults.notDuckDb(database);
            if (foreign.isPresent() && !(foreign.get().equals("is empty") && access != Access.READ_ONLY && deleteEmpty(database))) {
                throw new StoreException("the store " + database + " " + foreign.get() + ": move it away, or give another --data directory", null);
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the store " + database + ": " + e.getMessage(), e);
        }
        Properties properties = new Properties();
        if (access == Access.READ_ONLY) {
            properties.setProperty("duckdb.read_only", "true");
        }
        properties.setProperty("autoinstall_known_extensions", "false"); // never reach the network
        properties.setProperty("autoload_known_extensions", "false");
        try {
            Connection c = access == Access.BATCH ? attachForBatch(database.toAbsolutePath(), properties)
                    : DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), properties);
            return new Store(c.unwrap(DuckDBConnection.class), dataDirectory, access == Access.BATCH);
        } catch (SQLException e) {
            throw StoreFaults.of(database, "open", e);
        }
    }

    /** The database attached without a log, with small row groups: options DuckDB takes only when attaching. */
    private static Connection attachForBatch(Path database, Properties properties) throws SQLException {
        properties.setProperty("temp_directory", database + ".tmp"); // DuckDB's own choice for a database file; in memory it would spill into the working directory
        Connection c = DriverManager.getConnection("jdbc:duckdb:", properties);
        try (PreparedStatement attach = c.prepareStatement("ATTACH ? AS " + CATALOG + " (RECOVERY_MODE no_wal_writes, ROW_GROUP_SIZE "
                + BATCH_ROW_GROUP_ROWS + ")"); Statement use = c.createStatement()) {
            attach.setString(1, database.toString());
            attach.execute();
            use.execute("USE " + CATALOG);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** An empty database file holds nothing: a store killed while being created. A writer starts it again. */
    private static boolean deleteEmpty(Path database) throws IOException {
        return !Files.exists(database.resolveSibling(DATABASE + ".wal")) && Files.deleteIfExists(database);
    }

    private void createSchema() throws StoreException {
        try (InputStream in = Store.class.getResourceAsStream("schema.sql"); Statement s = connection.createStatement()) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            List<String> statements = new ArrayList<>(List.of(sql.split(";")));
            Analyses.all().forEach(a -> statements.addAll(a.tables().schema()));
            for (String statement : statements) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            if (meta("schema_version").isEmpty()) {
                setMeta("schema_version", SCHEMA_VERSION);
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the schema of " + dataDirectory + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw StoreFaults.of(dataDirectory.resolve(DATABASE), "write", e);
        }
    }

    /**
     * Another connection to the same open database, for a thread of its own (an HTTP request
     * while a sensor commits): DuckDB serves several connections of one process at once.
     */
    public Store duplicate() throws StoreException {
        try {
            DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
            if (batch) {
                try (Statement use = duplicate.createStatement()) {
                    use.execute("USE " + CATALOG);
                }
            }
            return new Store(duplicate, dataDirectory, batch);
        } catch (SQLException e) {
            throw StoreFaults.of(dataDirectory.resolve(DATABASE), "open", e);
        }
    }

    /**
     * Caps the memory DuckDB keeps for this database (it writes the rest to disk): a batch ingest
     * whose commit would otherwise hold a group's rows beside a full Java heap.
     */
    public void limitMemory(long bytes) throws StoreException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET memory_limit = '" + Math.max(1, bytes >> 20) + "MiB'"); // a number of ours: SET takes no parameter
        } catch (SQLException e) {
            throw StoreFaults.of(dataDirectory.resolve(DATABASE), "write", e);
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC connection, for the analyses' and the query layer's SQL. */
    public DuckDBConnection connection() {
        return connection;
    }

    /** The ingest ledger. */
    public Ledger ledger() {
        return ledger;
    }

    public Optional<String> meta(String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Sets a meta value (the store must be open for writing). */
    public void setMeta(String key, String value) throws SQLException {
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
        Optional<String> id = meta("timezone");
        try {
            return id.map(ZoneId::of);
        } catch (java.time.DateTimeException e) {
            throw new SQLException("the store in " + dataDirectory + " is damaged: its time zone '" + id.get() + "' is not one", e);
        }
    }

    /** The registry of the latest ingest, or an empty one. */
    public DarknetRegistry registry() throws SQLException {
        List<DarknetRegistry.Entry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT prefix, valid_from, valid_to FROM darknet")) {
            while (r.next()) {
                entries.add(new DarknetRegistry.Entry(Prefix.parse(r.getString(1)), r.getObject(2, LocalDate.class),
                        r.getObject(3, LocalDate.class)));
            }
        }
        return new DarknetRegistry(entries);
    }

    /** The days of the range held in more than one part (days a live source is still adding to), in order. */
    public List<Day> partedDays(LocalDate from, LocalDate to) throws SQLException {
        ZoneId zone = zone().orElse(ZoneOffset.UTC);
        List<Day> days = new ArrayList<>();
        for (LocalDate date : parts.partedDays(from, to)) {
            days.add(Day.of(zone, date));
        }
        return days;
    }

    /** One analysis's state of a whole day, merged from all its parts. */
    public <S extends AnalysisState<S>> S read(Analysis<S> analysis, Day day) throws SQLException {
        return parts.read(analysis, day);
    }

    /** The end of the last window committed for a stream source, nanoseconds since the epoch, if any. */
    public OptionalLong committedUntil(String source) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT max(last) FROM commits WHERE kind = 'stream' AND source = ?")) {
            s.setString(1, source);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long last = r.getLong(1);
                return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(last);
            }
        }
    }

    /**
     * Commits a source's days in one transaction: each day's states as a new part, the
     * provenance, and the compaction of every day that ends at or before {@code closedBefore}
     * (epoch seconds; files close every day they touch: {@code Long.MAX_VALUE}).
     *
     * @return false if nothing was done: Kafka offsets committed before (a replay)
     * @throws StoreException if the store's time zone differs from {@code zone}, a stream's window
     *                        or Kafka offsets overlap what was committed, or the database fails
     */
    public boolean commit(Provenance provenance, List<DayStates> days, long closedBefore, DarknetRegistry registry, ZoneId zone)
            throws StoreException {
        try {
            if (replayed(provenance)) {
                return false;
            }
            Optional<ZoneId> stored = zone();
            if (stored.isPresent() && !stored.get().normalized().equals(zone.normalized()) && !days.isEmpty()) {
                throw new StoreException("the store counts days in " + stored.get() + ", not " + zone
                        + "; use --tz " + stored.get() + " or another --data directory", null);
            }
            connection.setAutoCommit(false);
            try {
                long id = recordCommit(provenance);
                for (DayStates day : days) {
                    parts.write(id, day, day.day().endEpochSecond() <= closedBefore);
                    setMonitored(day.day().date(), registry.ipv4Addresses(day.day().date()));
                }
                closeParted(closedBefore, zone);
                if (!days.isEmpty()) {
                    setMeta("timezone", zone.getId());
                    writeRegistry(registry);
                } else if (stored.isEmpty() && provenance instanceof Provenance.Stream) {
                    setMeta("timezone", zone.getId()); // a sensor's silent windows are days of its zone too (capture health)
                }
                connection.commit();
                connection.setAutoCommit(true);
                if (batch) {
                    checkpoint();
                }
            } catch (SQLException | RuntimeException | StoreException e) {
                rollback(e);
                throw e;
            }
        } catch (SQLException e) {
            throw StoreFaults.of(dataDirectory.resolve(DATABASE), "write", e);
        }
        return true;
    }

    /** Writes what was committed into the file: a batch writer's commits are in no log until then. */
    private void checkpoint() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Rolls back after a failure; an error of the rollback itself (after a full disk, say) must not hide the first. */
    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private long recordCommit(Provenance provenance) throws SQLException, StoreException {
        long id;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM commits")) {
            r.next();
            id = r.getLong(1);
        }
        if (provenance instanceof Provenance.Files files) {
            ledger.write(files.files(), id);
            insertCommit(id, "files", null, null, null, Provenance.CaptureStats.NONE);
        } else if (provenance instanceof Provenance.Stream stream) {
            OptionalLong until = committedUntil(stream.source());
            if (until.isPresent() && stream.fromNanos() < until.getAsLong()) {
                throw new StoreException("the stream '" + stream.source() + "' already committed up to " + until.getAsLong()
                        + " ns; a window from " + stream.fromNanos() + " would count some packets twice", null);
            }
            insertCommit(id, "stream", stream.source(), stream.fromNanos(), stream.toNanos(), stream.stats());
        } else {
            Provenance.Offsets offsets = (Provenance.Offsets) provenance;
            for (Provenance.OffsetRange range : offsets.ranges()) {
                insertCommit(id, "kafka", offsets.topic() + "/" + range.partition(), range.from(), range.to(), Provenance.CaptureStats.NONE);
            }
        }
        return id;
    }

    private void insertCommit(long id, String kind, String source, Long first, Long last, Provenance.CaptureStats stats) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO commits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, kind);
            s.setString(3, source);
            s.setObject(4, first);
            s.setObject(5, last);
            s.setLong(6, stats.received());
            s.setLong(7, stats.dropped());
            s.setLong(8, stats.interfaceDropped());
            s.setTimestamp(9, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            s.executeUpdate();
        }
    }

    /**
     * Whether Kafka offsets were committed before, all of them: a replay (a Flink job restarted
     * from a checkpoint commits again what it had committed). A range that overlaps a committed
     * one without being inside it is an error.
     */
    private boolean replayed(Provenance provenance) throws SQLException, StoreException {
        if (!(provenance instanceof Provenance.Offsets offsets)) {
            return false;
        }
        boolean all = true;
        for (Provenance.OffsetRange range : offsets.ranges()) {
            long committed = committedOffset(offsets.topic(), range.partition());
            if (range.to() <= committed) {
                continue;
            }
            if (range.from() < committed) {
                throw new StoreException("offsets " + range.from() + "-" + range.to() + " of " + offsets.topic() + "/" + range.partition()
                        + " overlap those committed up to " + committed, null);
            }
            all = false;
        }
        return all && !offsets.ranges().isEmpty();
    }

    /** The end (exclusive) of the offsets committed for a Kafka partition, 0 if none. */
    public long committedOffset(String topic, int partition) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT coalesce(max(last), 0) FROM commits WHERE kind = 'kafka' AND source = ?")) {
            s.setString(1, topic + "/" + partition);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The end (exclusive) of the offsets committed for each partition of a Kafka topic that has any. */
    public Map<Integer, Long> committedOffsets(String topic) throws SQLException {
        Map<Integer, Long> offsets = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT source, max(last) FROM commits WHERE kind = 'kafka' AND starts_with(source, ?) GROUP BY source")) {
            s.setString(1, topic + "/");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String partition = r.getString(1).substring(topic.length() + 1);
                    if (partition.chars().allMatch(Character::isDigit)) {
                        offsets.put(Integer.parseInt(partition), r.getLong(2));
                    }
                }
            }
        }
        return offsets;
    }

    /** Compacts the days held in parts that have ended by {@code closedBefore}. */
    private void closeParted(long closedBefore, ZoneId zone) throws SQLException {
        for (LocalDate date : parts.partedDays(null, null)) {
            Day day = Day.of(zone, date);
            if (day.endEpochSecond() <= closedBefore) {
                parts.close(day);
            }
        }
    }

    private void setMonitored(LocalDate day, long addresses) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM day_monitored WHERE day = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO day_monitored VALUES (?, ?)")) {
            delete.setObject(1, day);
            delete.executeUpdate();
            insert.setObject(1, day);
            insert.setLong(2, addresses);
            insert.executeUpdate();
        }
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
