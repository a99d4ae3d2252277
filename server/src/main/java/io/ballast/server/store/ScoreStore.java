package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computed scores: a recompute is stored as a diff against what is there, reads serve the API. */
public final class ScoreStore {

    private static final String DELETE = "DELETE FROM score WHERE region = ? AND indicator = ? AND period = ?";

    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;
    private final ScoreRepository scores;
    private final WriterLocks locks;
    private final SqlDialect dialect;

    ScoreStore(TransactionOperations<Connection> tx, JdbcOperations jdbc, WriterLocks locks, SqlDialect dialect,
               ScoreRepository scores) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.locks = locks;
        this.dialect = dialect;
        this.scores = scores;
    }

    /** A computed score on its way into the store; {@code score} is null when the reading is withheld. */
    public record NewScore(String indicator, int period, Double score, double coverage, String detail) {
    }

    /**
     * Replaces a region's scores from {@code fromYear} on with {@code computed}, in one transaction, writing only what
     * changed and deleting scores that are no longer computed. Returns how many rows changed. Two recomputes of a
     * region (on this node or another) are written one after the other, never interleaved ({@link WriterLocks}).
     */
    public int replace(String region, int fromYear, List<NewScore> computed) {
        return tx.executeWrite(status -> {
            locks.lock(List.of(WriterLocks.scores(region)));
            Map<String, ScoreRow> stored = new HashMap<>();
            for (ScoreRow row : scores.findByRegionAndPeriodGreaterThanEquals(region, fromYear)) {
                stored.put(row.indicator() + '@' + row.period(), row);
            }
            List<NewScore> changed = new ArrayList<>();
            for (NewScore s : computed) {
                ScoreRow row = stored.remove(s.indicator() + '@' + s.period());
                if (row == null || !java.util.Objects.equals(row.score(), s.score()) || row.coverage() != s.coverage()
                        || !row.detail().equals(s.detail())) {
                    changed.add(s);
                }
            }
            write(region, changed);
            delete(region, stored.values());
            return changed.size() + stored.size();
        });
    }

    private void write(String region, List<NewScore> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(dialect.scoreUpsert(), (PreparedStatement ps) -> {
            Timestamp now = Timestamp.from(Instant.now());
            for (NewScore s : rows) {
                ps.setString(1, region);
                ps.setString(2, s.indicator());
                ps.setInt(3, s.period());
                if (s.score() == null) {
                    ps.setNull(4, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(4, s.score());
                }
                ps.setDouble(5, s.coverage());
                ps.setString(6, s.detail());
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    private void delete(String region, Iterable<ScoreRow> rows) {
        if (!rows.iterator().hasNext()) {
            return;
        }
        jdbc.prepareStatement(DELETE, (PreparedStatement ps) -> {
            for (ScoreRow row : rows) {
                ps.setString(1, region);
                ps.setString(2, row.indicator());
                ps.setInt(3, row.period());
                ps.addBatch();
            }
            return ps.executeBatch();
        });
    }

    /** Every score of a region. */
    public List<ScoreRow> ofRegion(String region) {
        return tx.executeRead(status -> scores.findByRegion(region));
    }

    /** One indicator's history between two years, inclusive. */
    public List<ScoreRow> history(String region, String indicator, int from, int to) {
        return tx.executeRead(status ->
                scores.findByRegionAndIndicatorAndPeriodBetweenOrderByPeriod(region, indicator, from, to));
    }
}
