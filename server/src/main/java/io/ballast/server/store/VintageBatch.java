package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One series of one region as a source published it in one vintage (a World Bank API answer, a row of a WDI file). It
 * replaces what the store holds for that series and region, unless the stored vintage is newer; {@code catalogue}
 * describes the series when it is not catalogued yet (null when it must already be known).
 */
public record VintageBatch(String region, String series, String vintage, String origin,
                           List<NewObservation> observations, @Nullable SeriesRow catalogue) {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    public VintageBatch {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(origin, "origin");
        if (vintage == null || vintage.isBlank()) {
            throw new IllegalArgumentException("a vintage batch of " + series + "/" + region + " needs a vintage");
        }
        observations = List.copyOf(observations);
        for (NewObservation o : observations) {
            if (!o.region().equals(region) || !o.series().equals(series) || !vintage.equals(o.vintage())) {
                throw new IllegalArgumentException("observation " + o + " does not belong to the batch " + series
                        + "/" + region + " of vintage " + vintage);
            }
        }
    }

    /**
     * Whether this vintage is older than {@code stored}. Only dated vintages (YYYY-MM-DD, as the World Bank writes
     * them) are ordered; an undated one is never older, so a file dropped on purpose is always taken.
     */
    public boolean olderThan(String stored) {
        return DATE.matcher(vintage).matches() && DATE.matcher(stored).matches()
                && vintage.substring(0, 10).compareTo(stored.substring(0, 10)) < 0;
    }
}
