package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;

/** A validated observation on its way into the store. */
public record NewObservation(String region, String series, int period, double value, @Nullable String source) {
}
