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
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Export-control events and the economies each counts against. Writes return the (region, year) cells whose scores
 * the change can move (every target of the event, from the event's year on), or the {@link EventChange}s committed.
 * A retracted event's key is remembered, so that no source brings it back by itself.
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

    /** The event with this key, if one is stored. */
    public Optional<ControlEvent> find(String key) {
        return tx.executeRead(status -> query("SELECT " + COLUMNS + " FROM control_event e WHERE e.event_key = ?",
                key)).stream().findFirst();
    }

    /** Every event whose mapping awaits review, earliest first. */
    public List<ControlEvent> awaitingReview() {
        return tx.executeRead(status -> query("SELECT " + COLUMNS + " FROM control_event e WHERE e.needs_review "
                + "ORDER BY e.event_date, e.event_key"));
    }

    /** The keys of the events retracted so far. */
    public Set<String> retractedKeys() {
        return tx.executeRead(status -> retracted());
    }

    /**
     * Adds events, all or none: fails with {@link EventConflictException} when any key is stored already. A key that
     * was retracted may be added again; its retraction is then forgotten.
     */
    public List<EventChange> add(List<ControlEvent> events) {
        return tx.executeWrite(status -> {
            Set<String> stored = keys();
            List<String> taken = events.stream().map(ControlEvent::key).filter(stored::contains).toList();
            if (!taken.isEmpty()) {
                throw new EventConflictException(taken);
            }
            List<EventChange> out = new ArrayList<>();
            for (ControlEvent e : events) {
                forgetRetraction(e.key());
                insert(e);
                out.add(EventChange.added(e));
            }
            return out;
        });
    }

    /**
     * Adds the events whose keys are neither stored nor retracted, and leaves the rest alone (a connector's run: what
     * is stored may have been corrected by hand since). Answers what it added.
     */
    public List<EventChange> addAbsent(List<ControlEvent> events) {
        return tx.executeWrite(status -> {
            Set<String> skip = keys();
            skip.addAll(retracted());
            List<EventChange> out = new ArrayList<>();
            for (ControlEvent e : events) {
                if (skip.add(e.key())) {
                    insert(e);
                    out.add(EventChange.added(e));
                }
            }
            return out;
        });
    }

    /**
     * Rewrites the event with this key as {@code edit} makes it, in one transaction (an exception from {@code edit}
     * writes nothing); empty when no event has the key. The key cannot change.
     */
    public Optional<EventChange> update(String key, UnaryOperator<ControlEvent> edit) {
        return tx.executeWrite(status -> {
            Optional<ControlEvent> before = query("SELECT " + COLUMNS + " FROM control_event e WHERE e.event_key = ?",
                    key).stream().findFirst();
            if (before.isEmpty()) {
                return Optional.<EventChange>empty();
            }
            ControlEvent after = edit.apply(before.get());
            if (!after.key().equals(key)) {
                throw new IllegalArgumentException("an event's key cannot change: " + key + " to " + after.key());
            }
            delete(key);
            insert(after);
            return Optional.of(new EventChange(before, Optional.of(after)));
        });
    }

    /** Deletes the event with this key and remembers the key as retracted; empty when no event has it. */
    public Optional<EventChange> retract(String key, java.time.Instant at) {
        return tx.executeWrite(status -> {
            Optional<ControlEvent> before = query("SELECT " + COLUMNS + " FROM control_event e WHERE e.event_key = ?",
                    key).stream().findFirst();
            if (before.isEmpty()) {
                return Optional.<EventChange>empty();
            }
            delete(key);
            forgetRetraction(key);
            jdbc.prepareStatement("INSERT INTO control_event_retraction (event_key, retracted_at) VALUES (?, ?)",
                    (PreparedStatement ps) -> {
                        ps.setString(1, key);
                        ps.setTimestamp(2, Timestamp.from(at));
                        return ps.executeUpdate();
                    });
            return Optional.of(new EventChange(before, Optional.empty()));
        });
    }

    private Set<String> keys() {
        return strings("SELECT event_key FROM control_event");
    }

    private Set<String> retracted() {
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

    private void forgetRetraction(String key) {
        jdbc.prepareStatement("DELETE FROM control_event_retraction WHERE event_key = ?", (PreparedStatement ps) -> {
            ps.setString(1, key);
            return ps.executeUpdate();
        });
    }

    /**
     * Makes the events of one origin exactly {@code events}: new keys are added, changed ones rewritten, keys no
     * longer listed removed; events of other origins are left alone (a key taken by another origin stays theirs), and
     * so are retracted keys. Returns the cells whose scores may move.
     */
    public Set<Cell> replaceOrigin(String origin, List<ControlEvent> events) {
        return tx.executeWrite(status -> {
            Set<String> retracted = retracted();
            Map<String, ControlEvent> stored = new LinkedHashMap<>();
            for (ControlEvent e : query("SELECT " + COLUMNS + " FROM control_event e")) {
                stored.put(e.key(), e);
            }
            Set<Cell> touched = new LinkedHashSet<>();
            Set<String> listed = new LinkedHashSet<>();
            for (ControlEvent e : events) {
                listed.add(e.key());
                ControlEvent old = stored.get(e.key());
                if (retracted.contains(e.key()) || old != null && !old.origin().equals(origin)) {
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
