package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Observations and series metadata: batch upserts in one transaction, and the reads the other stages need. */
public final class ObservationStore {

    private static final String DELETE = "DELETE FROM observation WHERE id = ?";
    private static final String VINTAGE_COLUMNS = "SELECT series_code, region, vintage, origin, updated_at "
            + "FROM series_vintage";
    private static final String BASELINE_KEY = "baseline";

    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;
    private final ObservationRepository observations;
    private final SeriesRepository series;
    private final MetaRepository meta;
    private final CellWrites cells;
    private final WriterLocks locks;
    private final SqlDialect dialect;

    ObservationStore(TransactionOperations<Connection> tx, JdbcOperations jdbc, WriterLocks locks, SqlDialect dialect,
                     ObservationRepository observations, SeriesRepository series, MetaRepository meta) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.locks = locks;
        this.dialect = dialect;
        this.observations = observations;
        this.series = series;
        this.meta = meta;
        this.cells = new CellWrites(jdbc, observations);
    }

    /**
     * Stores a batch all-or-nothing and returns the (region, year) cells whose values changed. A value equal to the
     * stored one (with the same source and vintage, or none given) is not rewritten, so replaying a batch changes
     * nothing. A batch is compared with what is stored, then inserted or updated, so two batches of a region wait for
     * each other ({@link WriterLocks}): side by side, both would insert the same new cell.
     */
    public Set<Cell> upsert(List<NewObservation> batch) {
        return tx.executeWrite(status -> {
            lockRegions(batch.stream().map(NewObservation::region), false);
            CellWrites.Changes changed = cells.changes(batch);
            cells.write(changed, Instant.now());
            return changed.all().map(o -> new Cell(o.region(), o.period()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        });
    }

    /** Locks the stripes of these regions, and first the catalogue when the write adds to it. */
    private void lockRegions(Stream<String> regions, boolean catalogue) {
        Set<Integer> keys = regions.map(WriterLocks::observations).collect(Collectors.toCollection(HashSet::new));
        if (catalogue) {
            keys.add(WriterLocks.CATALOGUE);
        }
        locks.lock(keys);
    }

    /**
     * Stores whole series as published in a vintage, all batches in one transaction. Per batch: a vintage older than
     * the stored one (both dated) is skipped; the stored vintage again merges its values (replaying changes nothing);
     * any other vintage replaces the series in that region: its values are written and years it no longer has are
     * removed, so two vintages are never mixed inside a series. Gaps are left out of a batch, never stored as null.
     */
    public VintageResult replaceSeries(List<VintageBatch> batches) {
        return tx.executeWrite(status -> {
            lockRegions(batches.stream().map(VintageBatch::region),
                    batches.stream().anyMatch(b -> b.catalogue() != null));
            Instant now = Instant.now();
            Set<Cell> changed = new LinkedHashSet<>();
            Set<String> regions = new LinkedHashSet<>();
            Set<String> catalogued = new LinkedHashSet<>();
            List<VintageResult.Outcome> outcomes = new ArrayList<>();
            for (VintageBatch b : batches) {
                Optional<String> stored = findVintage(b.series(), b.region()).map(SeriesVintage::vintage);
                if (stored.isPresent() && b.olderThan(stored.get())) {
                    outcomes.add(VintageResult.Outcome.OLDER);
                    continue;
                }
                if (b.catalogue() != null && !series.existsById(b.series())) {
                    series.save(b.catalogue());
                    catalogued.add(b.series());
                }
                CellWrites.Changes rows = cells.changes(b.observations());
                cells.write(rows, now);
                rows.all().forEach(o -> changed.add(new Cell(o.region(), o.period())));
                boolean same = stored.isPresent() && stored.get().equals(b.vintage());
                if (!same) {
                    changed.addAll(deleteYearsNotIn(b));
                    jdbc.prepareStatement(dialect.vintageUpsert(), (PreparedStatement ps) -> {
                        ps.setString(1, b.series());
                        ps.setString(2, b.region());
                        ps.setString(3, b.vintage());
                        ps.setString(4, b.origin());
                        ps.setTimestamp(5, Timestamp.from(now));
                        return ps.executeUpdate();
                    });
                }
                regions.add(b.region());
                outcomes.add(same ? VintageResult.Outcome.SAME : VintageResult.Outcome.NEW);
            }
            return new VintageResult(changed, regions, catalogued, outcomes);
        });
    }

    private Set<Cell> deleteYearsNotIn(VintageBatch b) {
        Set<Integer> kept = b.observations().stream().map(NewObservation::period).collect(Collectors.toSet());
        List<ObservationRow> gone = observations.findByRegionAndSeriesOrderByPeriod(b.region(), b.series()).stream()
                .filter(row -> !kept.contains(row.period())).toList();
        if (!gone.isEmpty()) {
            jdbc.prepareStatement(DELETE, (PreparedStatement ps) -> {
                for (ObservationRow row : gone) {
                    ps.setLong(1, row.id());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
        }
        return gone.stream().map(row -> new Cell(row.region(), row.period()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The vintage a series holds in a region, when a source recorded one. */
    public Optional<SeriesVintage> vintage(String seriesCode, String region) {
        return tx.executeRead(status -> findVintage(seriesCode, region));
    }

    /** Every recorded (series, region) vintage. */
    public List<SeriesVintage> vintages() {
        return tx.executeRead(status -> jdbc.prepareStatement(VINTAGE_COLUMNS, (PreparedStatement ps) -> {
            List<SeriesVintage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(vintageOf(rs));
                }
            }
            return out;
        }));
    }

    private Optional<SeriesVintage> findVintage(String seriesCode, String region) {
        return jdbc.prepareStatement(VINTAGE_COLUMNS + " WHERE series_code = ? AND region = ?",
                (PreparedStatement ps) -> {
                    ps.setString(1, seriesCode);
                    ps.setString(2, region);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(vintageOf(rs)) : Optional.<SeriesVintage>empty();
                    }
                });
    }

    private static SeriesVintage vintageOf(ResultSet rs) throws SQLException {
        return new SeriesVintage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }

    /** Everything stored for a region. */
    public List<ObservationRow> ofRegion(String region) {
        return tx.executeRead(status -> observations.findByRegion(region));
    }

    /** Every stored value of a region in these years, and only those: what changed cells read again. */
    public List<ObservationRow> ofRegion(String region, Set<Integer> years) {
        if (years.isEmpty()) {
            return List.of();
        }
        int from = years.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int to = years.stream().mapToInt(Integer::intValue).max().orElseThrow();
        return tx.executeRead(status -> observations.findByRegionAndPeriodBetween(region, from, to)).stream()
                .filter(row -> years.contains(row.period())).toList();
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

    /**
     * Seeds series metadata and observations from a baseline and records its version, in one transaction. With
     * {@code keepStored} (a newer baseline over a database seeded before) only cells the store does not hold yet are
     * added: values a source or a client stored since are never overwritten. Returns the cells added or changed.
     */
    public Set<Cell> seed(String version, List<SeriesRow> seriesRows, List<NewObservation> rows, boolean keepStored) {
        return tx.executeWrite(status -> {
            lockRegions(rows.stream().map(NewObservation::region), true);
            for (SeriesRow s : seriesRows) {
                if (series.existsById(s.code())) {
                    series.update(s);
                } else {
                    series.save(s);
                }
            }
            CellWrites.Changes changes = cells.changes(rows);
            if (keepStored) {
                changes = new CellWrites.Changes(changes.added(), Map.of());
            }
            cells.write(changes, Instant.now());
            meta.findById(BASELINE_KEY).ifPresentOrElse(
                    m -> meta.update(new MetaRow(BASELINE_KEY, version)),
                    () -> meta.save(new MetaRow(BASELINE_KEY, version)));
            return changes.all().map(o -> new Cell(o.region(), o.period()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        });
    }
}
