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

    /** What a reader of records is told. */
    interface RecordConsumer {
        void record(ScanRecord r);
    }

    /** Every record of the day in order (none if the day has no data). */
    void forEach(LocalDate date, RecordConsumer consumer) throws SQLException {
        Day day = Day.of(zone, date);
        DayScans state = new DayScans(day);
        for (List<Chunk> part : parts(date)) {
            state.addRun(part);
        }
        ScanRecord r = new ScanRecord();
        RecordReader reader = new RecordReader(state.chunks());
        while (reader.next(r)) {
            consumer.record(r);
        }
    }

    /**
     * The records of the chunks holding some of the sources, part by part (in order within a
     * part, the parts one after another): enough to add up their packets, not to cut scans.
     */
    void forEachOf(LocalDate date, ImmutableRoaringBitmap sources, RecordConsumer consumer) throws SQLException {
        List<Long> rows = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT rowid, first_source, last_source FROM day_scan WHERE day = ?")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (sources.rangeCardinality(r.getLong(2), r.getLong(3) + 1) > 0) {
                        rows.add(r.getLong(1));
                    }
                }
            }
        }
        ScanRecord record = new ScanRecord();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT first_source, last_source, records, data FROM day_scan WHERE rowid = ?")) {
            for (long row : rows) {
                s.setLong(1, row);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    RecordReader reader = new RecordReader(List.of(new Chunk(r.getBytes(4), (int) r.getLong(1), (int) r.getLong(2), (int) r.getLong(3))));
                    while (reader.next(record)) {
                        consumer.record(record);
                    }
                }
            }
        }
    }

    /** Each part's chunks. */
    private List<List<Chunk>> parts(LocalDate date) throws SQLException {
        Map<Long, List<Chunk>> parts = new LinkedHashMap<>();
        try (PreparedStatement s = store.connection().prepareStatement("SELECT part, first_source, last_source, records, data FROM day_scan "
                + "WHERE day = ? ORDER BY part, first_source")) {
            s.setObject(1, date);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    parts.computeIfAbsent(r.getLong(1), p -> new ArrayList<>())
                            .add(new Chunk(r.getBytes(5), (int) r.getLong(2), (int) r.getLong(3), (int) r.getLong(4)));
                }
            }
        }
        return new ArrayList<>(parts.values());
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
