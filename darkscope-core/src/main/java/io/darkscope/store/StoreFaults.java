package io.darkscope.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What went wrong with a store, in a user's words and with what to do: DuckDB's messages name a
 * block, a checksum or an extension, and one of them ("block") once read as a lock.
 */
final class StoreFaults {
    /** DuckDB writes its magic "DUCK" at byte 8 of every database file. */
    private static final byte[] DUCKDB_MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
    private static final String SQLITE_MAGIC = "SQLite format 3";

    private StoreFaults() {
    }

    /** Why a file that exists cannot be a DuckDB store, read before DuckDB opens it (it would try to load an extension for it). */
    static Optional<String> notDuckDb(Path database) throws IOException {
        if (!Files.isRegularFile(database)) {
            return Files.exists(database) ? Optional.of("is not a file") : Optional.empty();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(database)) {
            head = in.readNBytes(16);
        }
        if (head.length == 0) {
            return Optional.of("is empty");
        }
        if (head.length >= 12 && java.util.Arrays.equals(head, 8, 12, DUCKDB_MAGIC, 0, 4)) {
            return Optional.empty();
        }
        String start = new String(head, StandardCharsets.ISO_8859_1);
        return Optional.of(start.startsWith(SQLITE_MAGIC) ? "is an SQLite database, not a DuckDB one"
                : "is not a DuckDB database (it starts with " + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)) + ")");
    }

    /** The exception to report for a failed database operation: {@code doing} is what was being done, e.g. "open". */
    static StoreException of(Path database, String doing, SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String reason;
        if (m.contains("Could not set lock") || m.contains("Conflicting lock")) {
            reason = "is in use by another process (DuckDB allows one writer; a running 'observe' or 'serve' answers through its "
                    + "HTTP API): wait for it to finish";
        } else if (m.contains("Corrupt database") || m.contains("Data Corruption") || m.contains("checksum")) {
            reason = "is damaged (" + firstLine(m) + "): restore it from a backup, or ingest the captures again into a new --data directory";
        } else if (m.contains("Could not read enough bytes")) {
            reason = "is truncated (a copy cut short, or a full disk when it was written): restore it from a backup, "
                    + "or ingest the captures again into a new --data directory";
        } else if (m.contains("No space left on device")) {
            reason = "could not be written: the disk is full; nothing of this commit was stored: free some space and run the command again";
        } else if (m.contains("Permission denied")) {
            reason = "cannot be opened: permission denied";
        } else {
            reason = "cannot be " + (doing.equals("open") ? "opened" : "written") + ": " + firstLine(m);
        }
        return new StoreException("the store " + database + " " + reason, e);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
