package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** One stored value of a series for a region and year. */
@MappedEntity("observation")
public record ObservationRow(
        @Id @GeneratedValue @Nullable Long id,
        String region,
        @MappedProperty("series_code") String series,
        int period,
        @MappedProperty("obs_value") double value,
        @Nullable String source,
        Instant updatedAt) {
}
