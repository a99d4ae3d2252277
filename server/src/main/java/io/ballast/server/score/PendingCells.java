package io.ballast.server.score;

import io.ballast.server.store.Cell;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regions waiting to be scored, each with the years whose inputs changed since it was last scored
 * ({@link Cell#ALL_YEARS}: any of them); cells of the same region queued meanwhile join its years.
 */
final class PendingCells {

    private final Map<String, Set<Integer>> byRegion = new ConcurrentHashMap<>();

    void add(Cell cell) {
        byRegion.merge(cell.region(), Set.of(cell.period()), PendingCells::union);
    }

    /** Every year of the region. */
    void addAll(String region) {
        add(new Cell(region, Cell.ALL_YEARS));
    }

    /** The regions waiting now. */
    List<String> regions() {
        return List.copyOf(byRegion.keySet());
    }

    /** Takes a region off the queue; answers its changed years, or null when it was not waiting. */
    Set<Integer> take(String region) {
        return byRegion.remove(region);
    }

    boolean isEmpty() {
        return byRegion.isEmpty();
    }

    void clear() {
        byRegion.clear();
    }

    private static Set<Integer> union(Set<Integer> one, Set<Integer> other) {
        Set<Integer> both = new HashSet<>(one);
        both.addAll(other);
        return Set.copyOf(both);
    }
}
