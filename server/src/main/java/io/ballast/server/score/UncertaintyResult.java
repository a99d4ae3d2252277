package io.ballast.server.score;

import io.ballast.server.score.uncertainty.Band;
import io.ballast.server.score.uncertainty.RankInterval;
import io.ballast.server.score.uncertainty.SobolIndices;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one uncertainty analysis found, for one panel version: per region and year, the bands of the composite and
 * sub-indices and the rank interval; per region, the Sobol indices of each choice for its latest composite; the sample
 * size, and how far p5 and p95 still moved between half the sample and all of it (at most, over every composite).
 */
public record UncertaintyResult(long version, Map<String, Map<Integer, CellResult>> cells,
                                Map<String, Sensitivity> sensitivity, int samples, int draws, double p5Shift,
                                double p95Shift, Instant computedAt, long millis) {

    public UncertaintyResult {
        cells = Map.copyOf(cells);
        sensitivity = Map.copyOf(sensitivity);
    }

    /** One region-year: the bands of the composite and its sub-indices, and the rank interval among {@code of}. */
    public record CellResult(Band composite, Band vulnerability, Band capacity, RankInterval rank, int of) {
    }

    /** The Sobol indices of each choice for a region's latest composite, over the complete rows they rest on. */
    public record Sensitivity(int year, int rows, double variance, List<SobolIndices.Effect> effects) {

        public Sensitivity {
            effects = List.copyOf(effects);
        }
    }

    /** An analysis of a panel without any composite. */
    static UncertaintyResult empty(long version, int samples) {
        return new UncertaintyResult(version, Map.of(), Map.of(), samples, 2 * samples, 0, 0, Instant.now(), 0);
    }

    /** The same result, taken as the analysis of panel version {@code panel} (another node's panel's twin). */
    UncertaintyResult forVersion(long panel) {
        return new UncertaintyResult(panel, cells, sensitivity, samples, draws, p5Shift, p95Shift, computedAt, millis);
    }

    /** A region-year's result, if the analysis covered it. */
    java.util.Optional<CellResult> cell(String region, int year) {
        return java.util.Optional.ofNullable(cells.getOrDefault(region, Map.of()).get(year));
    }
}
