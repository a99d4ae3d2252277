package io.ballast.server.store;

import java.util.List;
import java.util.Set;

/**
 * What storing some {@link VintageBatch}es did: the (region, year) cells whose values changed, the regions whose
 * series changed in any way, the series newly catalogued, and per batch (in order) its {@link Outcome}.
 */
public record VintageResult(Set<Cell> changed, Set<String> regions, Set<String> catalogued, List<Outcome> outcomes) {

    public VintageResult {
        changed = Set.copyOf(changed);
        regions = Set.copyOf(regions);
        catalogued = Set.copyOf(catalogued);
        outcomes = List.copyOf(outcomes);
    }

    /** What happened to one batch. */
    public enum Outcome {
        /** A vintage the store did not hold: its values replaced the series in that region. */
        NEW,
        /** The vintage the store already held: values merged, nothing removed. */
        SAME,
        /** Older than the stored vintage: skipped. */
        OLDER
    }

    /** How many batches had this outcome. */
    public long count(Outcome outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }
}
