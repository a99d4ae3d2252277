package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Observations and series metadata: batch upserts in one transaction, and the reads the other stages need. */
public final class ObservationStore {

    private static final String UPSERT = "MERGE INTO observation (region, series_code, period, obs_value, source, "
            + "updated_at) KEY (region, series_code, period) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String BASELINE_KEY = "baseline";

    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;
    private final ObservationRepository observations;
    private final SeriesRepository series;
    private final MetaRepository meta;
    private final EventRepository events;

    ObservationStore(TransactionOperations<Connection> tx, JdbcOperations jdbc, ObservationRepository observations,
                     SeriesRepository series, MetaRepository meta, EventRepository events) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.observations = observations;
        this.series = series;
        this.meta = meta;
        this.events = events;
    }

    /**
     * Stores a batch all-or-nothing and returns the (region, year) cells whose values changed. A value equal to the
     * stored one (with the same source) is not rewritten, so replaying a batch changes nothing.
     */
    public Set<Cell> upsert(List<NewObservation> batch) {
        return tx.executeWrite(status -> {
            List<NewObservation> changed = changedOnly(batch);
            if (!changed.isEmpty()) {
                write(changed, Instant.now());
            }
            return changed.stream().map(o -> new Cell(o.region(), o.period()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        });
    }

    private List<NewObservation> changedOnly(List<NewObservation> batch) {
        Map<String, List<NewObservation>> bySeries = batch.stream()
                .collect(Collectors.groupingBy(o -> o.region() + '\u0000' + o.series()));
        List<NewObservation> changed = new ArrayList<>();
        for (List<NewObservation> group : bySeries.values()) {
            NewObservation first = group.get(0);
            List<Integer> periods = group.stream().map(NewObservation::period).distinct().toList();
            Map<Integer, ObservationRow> stored = new HashMap<>();
            observations.findByRegionAndSeriesAndPeriodIn(first.region(), first.series(), periods)
                    .forEach(row -> stored.put(row.period(), row));
            Map<Integer, NewObservation> last = new HashMap<>();
            group.forEach(o -> last.put(o.period(), o)); // within a batch, the last value of a cell wins
            for (NewObservation o : last.values()) {
                ObservationRow row = stored.get(o.period());
                if (row == null || row.value() != o.value()
                        || (o.source() != null && !Objects.equals(o.source(), row.source()))) {
                    changed.add(o);
                }
            }
        }
        return changed;
    }

    private void write(List<NewObservation> rows, Instant now) {
        jdbc.prepareStatement(UPSERT, (PreparedStatement ps) -> {
            Timestamp at = Timestamp.from(now);
            for (NewObservation o : rows) {
                ps.setString(1, o.region());
                ps.setString(2, o.series());
                ps.setInt(3, o.period());
                ps.setDouble(4, o.value());
                if (o.source() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, o.source());
                }
                ps.setTimestamp(6, at);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Everything stored for a region. */
    public List<ObservationRow> ofRegion(String region) {
        return tx.executeRead(status -> observations.findByRegion(region));
    }

    /** One series of one region, oldest first. */
    public List<ObservationRow> series(String region, String code) {
        return tx.executeRead(status -> observations.findByRegionAndSeriesOrderByPeriod(region, code));
    }

    /** The metadata of a series, if it is known. */
    public Optional<SeriesRow> seriesInfo(String code) {
        return tx.executeRead(status -> series.findById(code));
    }

    /** The metadata of every known series. */
    public List<SeriesRow> allSeries() {
        return tx.executeRead(status -> {
            List<SeriesRow> all = new ArrayList<>();
            series.findAll().forEach(all::add);
            return all;
        });
    }

    /** Which baseline version seeded this database, if any. */
    public Optional<String> baselineVersion() {
        return tx.executeRead(status -> meta.findById(BASELINE_KEY).map(MetaRow::metaValue));
    }

    /** A region's dated events, oldest first. */
    public List<EventRow> events(String region) {
        return tx.executeRead(status -> events.findByRegionOrderByEventDate(region));
    }

    /** Seeds series metadata, observations and events from a baseline, and records its version, in one transaction. */
    public void seed(String version, List<SeriesRow> seriesRows, List<NewObservation> rows, List<EventRow> eventRows) {
        tx.executeWrite(status -> {
            events.saveAll(eventRows);
            for (SeriesRow s : seriesRows) {
                if (series.existsById(s.code())) {
                    series.update(s);
                } else {
                    series.save(s);
                }
            }
            if (!rows.isEmpty()) {
                write(rows, Instant.now());
            }
            meta.findById(BASELINE_KEY).ifPresentOrElse(
                    m -> meta.update(new MetaRow(BASELINE_KEY, version)),
                    () -> meta.save(new MetaRow(BASELINE_KEY, version)));
            return null;
        });
    }
}
