package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
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
import java.util.Set;

/**
 * The SQL of the control_event tables: reads events with their targets, inserts and deletes them, and keeps the
 * retracted keys. Runs inside the caller's transaction; {@link EventStore} decides what to write.
 */
final class EventRows {

    static final String COLUMNS = "e.id, e.event_key, e.event_date, e.jurisdiction, e.action_type, "
            + "e.direction, e.scope, e.entities, e.title, e.source, e.note, e.origin, e.needs_review, e.updated_at";
    private static final String INSERT = "INSERT INTO control_event (event_key, event_date, jurisdiction, action_type, "
            + "direction, scope, entities, title, source, note, origin, needs_review, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    EventRows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The event with this key, if one is stored. */
    java.util.Optional<ControlEvent> find(String key) {
        return query("SELECT " + COLUMNS + " FROM control_event e WHERE e.event_key = ?", key).stream().findFirst();
    }

    /** Remembers the key as retracted at {@code at}. */
    void markRetracted(String key, java.time.Instant at) {
        jdbc.prepareStatement("INSERT INTO control_event_retraction (event_key, retracted_at) VALUES (?, ?)",
                (PreparedStatement ps) -> {
                    ps.setString(1, key);
                    ps.setTimestamp(2, Timestamp.from(at));
                    return ps.executeUpdate();
                });
    }

    Set<String> keys() {
        return strings("SELECT event_key FROM control_event");
    }

    Set<String> retracted() {
        return strings("SELECT event_key FROM control_event_retraction");
    }

    private Set<String> strings(String sql) {
        return jdbc.prepareStatement(sql, (PreparedStatement ps) -> {
            Set<String> out = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    void forgetRetraction(String key) {
        jdbc.prepareStatement("DELETE FROM control_event_retraction WHERE event_key = ?", (PreparedStatement ps) -> {
            ps.setString(1, key);
            return ps.executeUpdate();
        });
    }

    void insert(ControlEvent e) {
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
                    return keys.getLong("id");
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

    void delete(String key) {
        jdbc.prepareStatement("DELETE FROM control_event WHERE event_key = ?", (PreparedStatement ps) -> {
            ps.setString(1, key);
            return ps.executeUpdate();
        });
    }

    List<ControlEvent> query(String sql, String... parameters) {
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
