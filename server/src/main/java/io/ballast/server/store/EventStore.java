package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Export-control events and the economies each counts against. Writes return the (region, year) cells whose scores
 * the change can move (every target of the event, from the event's year on), or the {@link EventChange}s committed.
 * A retracted event's key is remembered, so that no source brings it back by itself.
 */
public final class EventStore {

    private static final String COLUMNS = EventRows.COLUMNS;

    private final TransactionOperations<Connection> tx;
    private final EventRows rows;
    private final WriterLocks locks;
    /** Writes made by this process, counted once each is over. */
    private final AtomicLong writes = new AtomicLong();

    EventStore(TransactionOperations<Connection> tx, JdbcOperations jdbc, WriterLocks locks) {
        this.tx = tx;
        this.rows = new EventRows(jdbc);
        this.locks = locks;
    }

    /**
     * Runs a write of events holding their lock: each write reads the stored keys before it decides what to insert,
     * so two writers (on this node or another) must not interleave.
     */
    private <T> T writing(java.util.function.Supplier<T> write) {
        try {
            return tx.executeWrite(status -> {
                locks.lock(List.of(WriterLocks.EVENTS));
                return write.get();
            });
        } finally {
            writes.incrementAndGet(); // after the commit (or the rollback: then a reader reads again for nothing)
        }
    }

    /**
     * How many writes this process has made to the events, counted once each is committed or given up: a reader
     * that saw the same count before and after reading holds the events as stored, unless another process writes.
     */
    public long writes() {
        return writes.get();
    }

    /** The events counted against a region, earliest first. */
    public List<ControlEvent> ofRegion(String region) {
        return tx.executeRead(status -> rows.query("SELECT " + COLUMNS + " FROM control_event e "
                + "JOIN control_event_target t ON t.event_id = e.id WHERE t.region = ? "
                + "ORDER BY e.event_date, e.event_key", region));
    }

    /** Every event, earliest first. */
    public List<ControlEvent> all() {
        return tx.executeRead(status -> rows.query("SELECT " + COLUMNS + " FROM control_event e "
                + "ORDER BY e.event_date, e.event_key"));
    }

    /** The event with this key, if one is stored. */
    public Optional<ControlEvent> find(String key) {
        return tx.executeRead(status -> rows.find(key));
    }

    /** Every event whose mapping awaits review, earliest first. */
    public List<ControlEvent> awaitingReview() {
        return tx.executeRead(status -> rows.query("SELECT " + COLUMNS + " FROM control_event e WHERE e.needs_review "
                + "ORDER BY e.event_date, e.event_key"));
    }

    /** The keys of the events retracted so far. */
    public Set<String> retractedKeys() {
        return tx.executeRead(status -> rows.retracted());
    }

    /**
     * Adds events, all or none: fails with {@link EventConflictException} when any key is stored already. A key that
     * was retracted may be added again; its retraction is then forgotten.
     */
    public List<EventChange> add(List<ControlEvent> events) {
        return writing(() -> {
            Set<String> stored = rows.keys();
            List<String> taken = events.stream().map(ControlEvent::key).filter(stored::contains).toList();
            if (!taken.isEmpty()) {
                throw new EventConflictException(taken);
            }
            List<EventChange> out = new ArrayList<>();
            for (ControlEvent e : events) {
                rows.forgetRetraction(e.key());
                rows.insert(e);
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
        return writing(() -> {
            Set<String> skip = rows.keys();
            skip.addAll(rows.retracted());
            List<EventChange> out = new ArrayList<>();
            for (ControlEvent e : events) {
                if (skip.add(e.key())) {
                    rows.insert(e);
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
        return writing(() -> {
            Optional<ControlEvent> before = rows.find(key);
            if (before.isEmpty()) {
                return Optional.<EventChange>empty();
            }
            ControlEvent after = edit.apply(before.get());
            if (!after.key().equals(key)) {
                throw new IllegalArgumentException("an event's key cannot change: " + key + " to " + after.key());
            }
            rows.delete(key);
            rows.insert(after);
            return Optional.of(new EventChange(before, Optional.of(after)));
        });
    }

    /** Deletes the event with this key and remembers the key as retracted; empty when no event has it. */
    public Optional<EventChange> retract(String key, java.time.Instant at) {
        return writing(() -> {
            Optional<ControlEvent> before = rows.find(key);
            if (before.isEmpty()) {
                return Optional.<EventChange>empty();
            }
            rows.delete(key);
            rows.forgetRetraction(key);
            rows.markRetracted(key, at);
            return Optional.of(new EventChange(before, Optional.empty()));
        });
    }

    /**
     * Makes the events of one origin exactly {@code events}: new keys are added, changed ones rewritten, keys no
     * longer listed removed; events of other origins are left alone (a key taken by another origin stays theirs), and
     * so are retracted keys. Returns the cells whose scores may move.
     */
    public Set<Cell> replaceOrigin(String origin, List<ControlEvent> events) {
        return writing(() -> {
            Set<String> retracted = rows.retracted();
            Map<String, ControlEvent> stored = new LinkedHashMap<>();
            for (ControlEvent e : rows.query("SELECT " + COLUMNS + " FROM control_event e")) {
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
                        rows.delete(e.key());
                        touched.addAll(cells(old));
                    }
                    rows.insert(e);
                    touched.addAll(cells(e));
                }
            }
            for (ControlEvent old : stored.values()) {
                if (old.origin().equals(origin) && !listed.contains(old.key())) {
                    rows.delete(old.key());
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
}
