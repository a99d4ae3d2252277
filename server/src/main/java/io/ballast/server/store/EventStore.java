package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Export-control events and the economies each counts against. Writes return the (region, year) cells whose scores
 * the change can move: every target of the event, from the event's year on.
 */
public final class EventStore {

    private static final String COLUMNS = "e.id, e.event_key, e.event_date, e.jurisdiction, e.action_type, "
            + "e.direction, e.scope, e.entities, e.title, e.source, e.note, e.origin, e.needs_review, e.updated_at";
    private static final String INSERT = "INSERT INTO control_event (event_key, event_date, jurisdiction, action_type, "
            + "direction, scope, entities, title, source, note, origin, needs_review, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;

    EventStore(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** The events counted against a region, earliest first. */
    public List<ControlEvent> ofRegion(String region) {
        return tx.executeRead(status -> query("SELECT " + COLUMNS + " FROM control_event e JOIN control_event_target t "
                + "ON t.event_id = e.id WHERE t.region = ? ORDER BY e.event_date, e.event_key", region));
    }

    /** Every event, earliest first. */
    public List<ControlEvent> all() {
        return tx.executeRead(status -> query("SELECT " + COLUMNS + " FROM control_event e "
                + "ORDER BY e.event_date, e.event_key"));
    }

    /**
     * Makes the events of one origin exactly {@code events}: new keys are added, changed ones rewritten, keys no
     * longer listed removed; events of other origins are left alone (a key taken by another origin stays theirs).
     * Returns the cells whose scores may move.
     */
    public Set<Cell> replaceOrigin(String origin, List<ControlEvent> events) {
        return tx.executeWrite(status -> {
            Map<String, ControlEvent> stored = new LinkedHashMap<>();
            for (ControlEvent e : query("SELECT " + COLUMNS + " FROM control_event e")) {
                stored.put(e.key(), e);
            }
            Set<Cell> touched = new LinkedHashSet<>();
            Set<String> listed = new LinkedHashSet<>();
            for (ControlEvent e : events) {
                listed.add(e.key());
                ControlEvent old = stored.get(e.key());
                if (old != null && !old.origin().equals(origin)) {
                    continue;
                }
                if (old == null || !sameContent(old, e)) {
                    if (old != null) {
                        delete(e.key());
                        touched.addAll(cells(old));
                    }
                    insert(e);
                    touched.addAll(cells(e));
                }
            }
            for (ControlEvent old : stored.values()) {
                if (old.origin().equals(origin) && !listed.contains(old.key())) {
                    delete(old.key());
                    touched.addAll(cells(old));
                }
            }
            return touched;
        });
    }

    private static boolean sameContent(ControlEvent a, ControlEvent b) {
        return a.date().equals(b.date()) && a.jurisdiction().equals(b.jurisdiction())
                && new LinkedHashSet<>(a.targets()).equals(new LinkedHashSet<>(b.targets()))
                && a.type().equals(b.type()) && a.direction().equals(b.direction()) && a.scope().equals(b.scope())
                && Objects.equals(a.entities(), b.entities()) && a.title().equals(b.title())
                && a.source().equals(b.source()) && Objects.equals(a.note(), b.note())
                && a.needsReview() == b.needsReview();
    }

    /** The cells an event can move: each target from the event's year on. */
    static Set<Cell> cells(ControlEvent e) {
        Set<Cell> out = new LinkedHashSet<>();
        e.targets().forEach(region -> out.add(new Cell(region, e.date().getYear())));
        return out;
    }

    private void insert(ControlEvent e) {
        long eventId = jdbc.execute(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, e.key());
                ps.setDate(2, Date.valueOf(e.date()));
                ps.setString(3, e.jurisdiction());
                ps.setString(4, e.type());
                ps.setString(5, e.direction());
                ps.setString(6, e.scope());
                if (e.entities() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, e.entities());
                }
                ps.setString(8, e.title());
                ps.setString(9, e.source());
                ps.setString(10, e.note());
                ps.setString(11, e.origin());
                ps.setBoolean(12, e.needsReview());
                ps.setTimestamp(13, Timestamp.from(e.updatedAt()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        jdbc.prepareStatement("INSERT INTO control_event_target (event_id, region) VALUES (?, ?)",
                (PreparedStatement ps) -> {
                    for (String region : new LinkedHashSet<>(e.targets())) {
                        ps.setLong(1, eventId);
                        ps.setString(2, region);
                        ps.addBatch();
                    }
                    return ps.executeBatch();
                });
    }

    private void delete(String key) {
        jdbc.prepareStatement("DELETE FROM control_event WHERE event_key = ?", (PreparedStatement ps) -> {
            ps.setString(1, key);
            return ps.executeUpdate();
        });
    }

    private List<ControlEvent> query(String sql, String... parameters) {
        return jdbc.prepareStatement(sql, (PreparedStatement ps) -> {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            Map<Long, Row> rows = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getLong(1), Row.of(rs));
                }
            }
            Map<Long, List<String>> targets = targets(rows.keySet());
            List<ControlEvent> out = new ArrayList<>();
            rows.forEach((id, row) -> out.add(row.event(targets.getOrDefault(id, List.of()))));
            return out;
        });
    }

    private Map<Long, List<String>> targets(Set<Long> ids) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.prepareStatement("SELECT event_id, region FROM control_event_target ORDER BY region",
                (PreparedStatement ps) -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            if (ids.contains(id)) {
                                out.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(2));
                            }
                        }
                    }
                    return null;
                });
        return out;
    }

    /** One row of control_event before its targets are joined. */
    private record Row(String key, java.time.LocalDate date, String jurisdiction, String type, String direction,
                       String scope, Integer entities, String title, String source, String note, String origin,
                       boolean needsReview, java.time.Instant updatedAt) {

        static Row of(ResultSet rs) throws SQLException {
            int count = rs.getInt(8);
            Integer entities = rs.wasNull() ? null : count;
            return new Row(rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), entities, rs.getString(9),
                    rs.getString(10), rs.getString(11), rs.getString(12), rs.getBoolean(13),
                    rs.getTimestamp(14).toInstant());
        }

        ControlEvent event(List<String> targets) {
            return new ControlEvent(key, date, jurisdiction, targets, type, direction, scope, entities, title, source,
                    note, origin, needsReview, updatedAt);
        }
    }
}
