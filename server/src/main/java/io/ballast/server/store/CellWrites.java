package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes only what a batch of observations changes: compares it with the stored cells of its years (one range read
 * per region), then inserts the new cells and updates the changed rows by id. New cells are inserted and changed ones
 * updated: the comparison already tells which is which, and a plain INSERT or UPDATE costs H2 less than a MERGE that
 * looks every key up again. Runs inside the caller's transaction, under its write lock.
 */
final class CellWrites {

    private static final String INSERT = "INSERT INTO observation (region, series_code, period, obs_value, source, "
            + "updated_at, vintage) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE observation SET obs_value = ?, source = ?, updated_at = ?, "
            + "vintage = ? WHERE id = ?";

    private final JdbcOperations jdbc;
    private final ObservationRepository observations;

    CellWrites(JdbcOperations jdbc, ObservationRepository observations) {
        this.jdbc = jdbc;
        this.observations = observations;
    }

    /** What a batch changes: cells not stored yet, and stored rows (by id) whose value, source or vintage differ. */
    record Changes(List<NewObservation> added, Map<Long, NewObservation> revised) {

        Stream<NewObservation> all() {
            return Stream.concat(added.stream(), revised.values().stream());
        }
    }

    /** What {@code batch} changes against what is stored; the last value given for a cell wins. */
    Changes changes(List<NewObservation> batch) {
        Map<String, NewObservation> last = new LinkedHashMap<>();
        batch.forEach(o -> last.put(cell(o.region(), o.series(), o.period()), o)); // the last value of a cell wins
        Map<String, List<NewObservation>> byRegion = last.values().stream()
                .collect(Collectors.groupingBy(NewObservation::region));
        List<NewObservation> added = new ArrayList<>();
        Map<Long, NewObservation> revised = new LinkedHashMap<>();
        for (List<NewObservation> group : byRegion.values()) {
            // one range read per region for every cell of the batch, rather than one query per series
            String region = group.get(0).region();
            int from = group.stream().mapToInt(NewObservation::period).min().orElseThrow();
            int to = group.stream().mapToInt(NewObservation::period).max().orElseThrow();
            Map<String, ObservationRow> stored = new HashMap<>();
            observations.findByRegionAndPeriodBetween(region, from, to)
                    .forEach(row -> stored.put(cell(row.region(), row.series(), row.period()), row));
            for (NewObservation o : group) {
                ObservationRow row = stored.get(cell(o.region(), o.series(), o.period()));
                if (row == null) {
                    added.add(o);
                } else if (row.value() != o.value()
                        || (o.source() != null && !Objects.equals(o.source(), row.source()))
                        || (o.vintage() != null && !Objects.equals(o.vintage(), row.vintage()))) {
                    revised.put(row.id(), o);
                }
            }
        }
        return new Changes(added, revised);
    }

    private static String cell(String region, String series, int period) {
        return region + '\u0000' + series + '\u0000' + period;
    }

    /** Inserts the new cells and updates the revised rows by id, in the caller's transaction. */
    void write(Changes changes, Instant now) {
        Timestamp at = Timestamp.from(now);
        if (!changes.added().isEmpty()) {
            jdbc.prepareStatement(INSERT, (PreparedStatement ps) -> {
                for (NewObservation o : changes.added()) {
                    ps.setString(1, o.region());
                    ps.setString(2, o.series());
                    ps.setInt(3, o.period());
                    ps.setDouble(4, o.value());
                    setText(ps, 5, o.source());
                    ps.setTimestamp(6, at);
                    setText(ps, 7, o.vintage());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
        }
        if (!changes.revised().isEmpty()) {
            jdbc.prepareStatement(UPDATE, (PreparedStatement ps) -> {
                for (Map.Entry<Long, NewObservation> e : changes.revised().entrySet()) {
                    ps.setDouble(1, e.getValue().value());
                    setText(ps, 2, e.getValue().source());
                    ps.setTimestamp(3, at);
                    setText(ps, 4, e.getValue().vintage());
                    ps.setLong(5, e.getKey());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
        }
    }

    private static void setText(PreparedStatement ps, int index, String text) throws SQLException {
        if (text == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, text);
        }
    }
}
