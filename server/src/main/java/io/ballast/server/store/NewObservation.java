package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;

/** A validated observation on its way into the store, with where it came from and which release of it, if known. */
public record NewObservation(String region, String series, int period, double value, @Nullable String source,
                             @Nullable String vintage) {

    /** An observation without a vintage. */
    public NewObservation(String region, String series, int period, double value, @Nullable String source) {
        this(region, series, period, value, source, null);
    }
}
