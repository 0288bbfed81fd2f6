package io.darkscope.analysis.scan;

import io.darkscope.pipeline.Day;
import io.darkscope.store.Store;

import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a day's stored activity records, its parts merged, in record order. */
final class DayRecords {
    private final Store store;
    private final ZoneId zone;

    DayRecords(Store store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /** Every record of the day in order (none if the day has no data). */
    void forEach(LocalDate date, RecordSink<RuntimeException> sink) throws SQLException {
        forEach(date, false, sink);
    }

    /**
     * The records of the day in order, its quiet keys ({@link QuietKeys}) left out if
     * {@code withoutQuiet} and the day is one part (of several, each part's quiet keys are its
     * own, not the day's).
     */
    void forEach(LocalDate date, boolean withoutQuiet, RecordSink<RuntimeException> sink) throws SQLException {
        day(date, withoutQuiet).forEach(sink);
    }

    /** The day's stored records as one state, its quiet keys left out as {@link #forEach(LocalDate, boolean, RecordSink)} says. */
    DayScans day(LocalDate date, boolean withoutQuiet) throws SQLException {
        DayScans state = new DayScans(Day.of(zone, date));
        runs(date, withoutQuiet && parts(date) == 1).forEach(state::addRun);
        return state;
    }

    /**
     * The records of the chunks holding some of the sources, part by part (in order within a
     * part, the parts one after another): enough to add up their packets, not to cut scans.
     */
    void forEachOf(LocalDate date, ImmutableRoaringBitmap sources, RecordSink<RuntimeException> sink) throws SQLException {
        ScanRecord record = new ScanRecord();
        for (String table : ScanTables.TABLES) {
            forEachChunk(table, date, (part, chunk) -> {
                if (sources.rangeCardinality(chunk.firstSource() & 0xffffffffL, (chunk.lastSource() & 0xffffffffL) + 1) > 0) {
                    RecordReader reader = new RecordReader(List.of(chunk));
                    while (reader.next(record)) {
                        sink.record(record);
                    }
                }
            });
        }
    }

    /** The runs of the day's parts: each part's others, and its quiet keys unless left out. */
    private List<List<Chunk>> runs(LocalDate date, boolean withoutQuiet) throws SQLException {
        List<List<Chunk>> runs = new ArrayList<>();
        for (String table : withoutQuiet ? ScanTables.TABLES.subList(0, 1) : ScanTables.TABLES) {
            Map<Long, List<Chunk>> parts = new LinkedHashMap<>();
            forEachChunk(table, date, (part, chunk) -> parts.computeIfAbsent(part, p -> new ArrayList<>()).add(chunk));
            runs.addAll(parts.values());
        }
        return runs;
    }

    private interface ChunkReader {
        void chunk(long part, Chunk chunk);
    }

    /** The chunks of a day in one of the tables, by part and source. */
    private void forEachChunk(String table, LocalDate date, ChunkReader reader) throws SQLException {
        try (PreparedStatement s = store.connection().prepareStatement("SELECT part, first_source, last_source, records, data FROM " + table
                + " WHERE day = ? ORDER BY part, first_source")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.chunk(r.getLong(1), new Chunk(r.getBytes(5), (int) r.getLong(2), (int) r.getLong(3), (int) r.getLong(4)));
                }
            }
        }
    }

    private long parts(LocalDate date) throws SQLException {
        try (PreparedStatement s = store.connection().prepareStatement("SELECT count(DISTINCT part) FROM (SELECT part FROM day_scan WHERE day = ? "
                + "UNION ALL SELECT part FROM day_scan_quiet WHERE day = ?)")) {
            s.setObject(1, date);
            s.setObject(2, date);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The IPv4 addresses monitored on a day (0 without data). */
    long monitored(LocalDate date) throws SQLException {
        try (PreparedStatement s = store.connection().prepareStatement("SELECT ipv4_addresses FROM day_monitored WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }
}
