package io.ballast.server.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Orders writers through the database, so that it holds across every server sharing it: a write transaction first
 * locks the {@code writer_lock} rows covering what it writes ({@code SELECT … FOR UPDATE}, held until it commits or
 * rolls back), one at a time in ascending key order, so that two writers never wait for each other in a circle.
 * Two batches of the same region (or of regions in the same stripe) run one after the other; others side by side.
 * The keys are listed in the V8 migration.
 */
final class WriterLocks {

    /** The series catalogue and the baseline's record. */
    static final int CATALOGUE = 0;
    /** The export-control events. */
    static final int EVENTS = 1;
    private static final int OBSERVATIONS = 100;
    private static final int SCORES = 200;
    private static final int STRIPES = 64;
    private static final String LOCK = "SELECT lock_key FROM writer_lock WHERE lock_key = ? FOR UPDATE";

    private final JdbcOperations jdbc;

    WriterLocks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The key covering a region's observations and vintages (String.hashCode is the same in every JVM). */
    static int observations(String region) {
        return OBSERVATIONS + Math.floorMod(region.hashCode(), STRIPES);
    }

    /** The key covering a region's computed scores. */
    static int scores(String region) {
        return SCORES + Math.floorMod(region.hashCode(), STRIPES);
    }

    /** Locks these keys, smallest first, in the caller's transaction; blocks while another transaction holds one. */
    void lock(Collection<Integer> keys) {
        SortedSet<Integer> ordered = new TreeSet<>(keys);
        if (ordered.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(LOCK, (PreparedStatement ps) -> {
            for (int key : ordered) {
                ps.setInt(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("writer_lock has no row " + key + ": the V8 migration "
                                + "has not run on this database");
                    }
                }
            }
            return null;
        });
    }
}
