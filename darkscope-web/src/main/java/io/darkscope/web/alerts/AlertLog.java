package io.darkscope.web.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.darkscope.query.Json;
import io.darkscope.store.DateRanges;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every alert raised, in the store: table {@code alerts} (one row an alert id) and
 * {@code alert_deliveries} (one row an alert and webhook: pending, delivered, failed or
 * suppressed, with the attempts made and the last error). The tables are created with the first
 * alert, so a read-only store without them lists none. On a connection of its own, its methods
 * one at a time: the sensor's thread writes while request threads read.
 */
public final class AlertLog implements AutoCloseable {
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS alerts (id VARCHAR, rule VARCHAR, key VARCHAR, day DATE, raised_at TIMESTAMP, summary VARCHAR, details VARCHAR)",
        "CREATE TABLE IF NOT EXISTS alert_deliveries (alert_id VARCHAR, webhook VARCHAR, status VARCHAR, attempts INTEGER, error VARCHAR)"
    };
    private final Store store;
    private final Connection db;
    private boolean created;

    /** A delivery of an alert to a webhook. */
    public record Delivery(String webhook, String status, int attempts, String error) {
    }

    /** An alert as listed: the alert as it was sent, and its deliveries. */
    public record Entry(Alert alert, List<Delivery> deliveries) {
    }

    private AlertLog(Store store) {
        this.store = store;
        this.db = store.connection();
    }

    /** The alert log of an open store, on a connection of its own. */
    public static AlertLog open(Store store) throws StoreException {
        return new AlertLog(store.duplicate());
    }

    /**
     * Stores an alert, pending for each webhook, unless its id is stored already.
     *
     * @return whether it was new
     */
    public synchronized boolean add(Alert alert, List<String> webhooks) throws SQLException {
        createTables();
        if (stored(alert.id())) {
            return false;
        }
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement delivery = db.prepareStatement("INSERT INTO alert_deliveries VALUES (?, ?, 'pending', 0, NULL)")) {
            insert.setString(1, alert.id());
            insert.setString(2, alert.rule());
            insert.setString(3, alert.key());
            insert.setObject(4, alert.day());
            insert.setTimestamp(5, Timestamp.valueOf(LocalDateTime.ofInstant(alert.raisedAt(), ZoneOffset.UTC)));
            insert.setString(6, alert.summary());
            insert.setString(7, alert.details().toString());
            insert.executeUpdate();
            for (String webhook : webhooks) {
                delivery.setString(1, alert.id());
                delivery.setString(2, webhook);
                delivery.executeUpdate();
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        return true;
    }

    private void createTables() throws SQLException {
        if (!created) {
            try (Statement s = db.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            created = true;
        }
    }

    private boolean stored(String id) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM alerts WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Records how a delivery went. */
    public synchronized void setDelivery(String id, String webhook, String status, int attempts, String error) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE alert_deliveries SET status = ?, attempts = ?, error = ? WHERE alert_id = ? AND webhook = ?")) {
            s.setString(1, status);
            s.setInt(2, attempts);
            s.setString(3, error);
            s.setString(4, id);
            s.setString(5, webhook);
            s.executeUpdate();
        }
    }

    /** The alerts about a day of the range (inclusive; null bounds are open), in the order raised. */
    public synchronized List<Entry> list(LocalDate from, LocalDate to) throws SQLException {
        if (!exists()) {
            return List.of();
        }
        Map<String, Alert> alerts = new LinkedHashMap<>();
        try (PreparedStatement s = db.prepareStatement("SELECT id, rule, key, day, raised_at, summary, details FROM alerts "
                + "WHERE day BETWEEN ? AND ? ORDER BY raised_at, id")) {
            DateRanges.bind(s, 1, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    alerts.put(r.getString(1), new Alert(r.getString(1), r.getString(2), r.getString(3), r.getObject(4, LocalDate.class),
                            r.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC), r.getString(6), json(r.getString(7))));
                }
            }
        }
        Map<String, List<Delivery>> deliveries = deliveries();
        List<Entry> entries = new ArrayList<>();
        alerts.forEach((id, alert) -> entries.add(new Entry(alert, deliveries.getOrDefault(id, List.of()))));
        return entries;
    }

    private Map<String, List<Delivery>> deliveries() throws SQLException {
        Map<String, List<Delivery>> deliveries = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT alert_id, webhook, status, attempts, error FROM alert_deliveries ORDER BY alert_id, webhook")) {
            while (r.next()) {
                deliveries.computeIfAbsent(r.getString(1), id -> new ArrayList<>())
                        .add(new Delivery(r.getString(2), r.getString(3), r.getInt(4), r.getString(5)));
            }
        }
        return deliveries;
    }

    private boolean exists() throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'alert_deliveries'")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws SQLException {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("the alerts table holds details that are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
