package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.AnalysisTables;
import io.darkscope.analysis.PartRows;
import io.darkscope.analysis.TableRows;
import io.darkscope.pipeline.Day;
import org.duckdb.DuckDBConnection;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The backscatter table: per day, part and DoS victim, packets, first and last packet, and two
 * blobs: per second of the day (int32 second, packets, first and last nanosecond within it) and
 * per port and minute (int32 port code << 11 | minute of the day, packets), big-endian.
 */
final class BackscatterTables implements AnalysisTables<DayBackscatter> {
    private static final int SECOND_BYTES = 16;
    private static final int PORT_BYTES = 8;

    @Override
    public List<String> schema() {
        return List.of("CREATE TABLE IF NOT EXISTS day_backscatter (day DATE, part BIGINT, victim BIGINT, packets BIGINT, "
                + "first_seen TIMESTAMP, last_seen TIMESTAMP, seconds BLOB, ports BLOB)");
    }

    @Override
    public List<String> tables() {
        return List.of("day_backscatter");
    }

    @Override
    public void write(DuckDBConnection connection, long part, DayBackscatter day) throws SQLException {
        long[] seconds = DayBackscatter.sortedKeys(day.seconds);
        long[] ports = DayBackscatter.sortedKeys(day.ports);
        try (TableRows a = new TableRows(connection, "day_backscatter", 8)) {
            int s = 0;
            int p = 0;
            while (s < seconds.length) {
                int victim = DayBackscatter.victim(seconds[s]);
                int secondsEnd = runEnd(seconds, s, victim);
                int portsEnd = runEnd(ports, p, victim);
                appendVictim(a, day, part, victim, seconds, s, secondsEnd, ports, p, portsEnd);
                s = secondsEnd;
                p = portsEnd;
            }
        }
    }

    private static int runEnd(long[] keys, int from, int victim) {
        int end = from;
        while (end < keys.length && DayBackscatter.victim(keys[end]) == victim) {
            end++;
        }
        return end;
    }

    private static void appendVictim(TableRows a, DayBackscatter day, long part, int victim, long[] seconds, int s, int sEnd,
                                     long[] ports, int p, int pEnd) throws SQLException {
        ByteBuffer secondBytes = ByteBuffer.allocate((sEnd - s) * SECOND_BYTES);
        long packets = 0;
        for (int i = s; i < sEnd; i++) {
            long count = day.seconds.get(seconds[i]);
            packets += count;
            long times = day.times.get(seconds[i]);
            secondBytes.putInt(DayBackscatter.secondOf(seconds[i])).putInt((int) count).putInt((int) (times >>> 32)).putInt((int) times);
        }
        ByteBuffer portBytes = ByteBuffer.allocate((pEnd - p) * PORT_BYTES);
        for (int i = p; i < pEnd; i++) {
            portBytes.putInt((int) ports[i]).putInt((int) day.ports.get(ports[i]));
        }
        long first = instant(day, DayBackscatter.secondOf(seconds[s]), (int) (day.times.get(seconds[s]) >>> 32));
        long last = instant(day, DayBackscatter.secondOf(seconds[sEnd - 1]), (int) day.times.get(seconds[sEnd - 1]));
        a.row(day.day().date(), part, Integer.toUnsignedLong(victim), packets, time(first), time(last), secondBytes.array(), portBytes.array());
    }

    private static long instant(DayBackscatter day, int second, int nano) {
        return (day.day().startEpochSecond() + second) * 1_000_000_000L + nano;
    }

    private static LocalDateTime time(long nanos) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
    }

    @Override
    public DayBackscatter read(DuckDBConnection connection, Day day, long part) throws SQLException {
        DayBackscatter state = new DayBackscatter(day);
        PartRows.forEach(connection, "SELECT victim, seconds, ports FROM day_backscatter WHERE day = ? AND part = ?", day, part,
                r -> read(state, (int) r.getLong(1), r.getBytes(2), r.getBytes(3)));
        return state;
    }

    /** Adds one victim's stored blobs to a state. */
    static void read(DayBackscatter state, int victim, byte[] seconds, byte[] ports) throws SQLException {
        if (seconds.length % SECOND_BYTES != 0 || ports.length % PORT_BYTES != 0) {
            throw new SQLException("damaged backscatter of " + state.day() + ": blob lengths " + seconds.length + " and " + ports.length);
        }
        ByteBuffer s = ByteBuffer.wrap(seconds);
        while (s.hasRemaining()) {
            long key = DayBackscatter.secondKey(victim, s.getInt());
            long count = Integer.toUnsignedLong(s.getInt());
            state.addSecond(key, count, (s.getInt() & 0xffffffffL) << 32 | (s.getInt() & 0xffffffffL));
        }
        ByteBuffer p = ByteBuffer.wrap(ports);
        while (p.hasRemaining()) {
            long key = (victim & 0xffffffffL) << 32 | (p.getInt() & 0xffffffffL);
            state.ports.addTo(key, Integer.toUnsignedLong(p.getInt()));
        }
    }
}
