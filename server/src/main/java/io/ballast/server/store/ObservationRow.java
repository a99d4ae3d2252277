package io.ballast.server.store;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * One stored value of a series for a region and year, with its source and vintage when known.
 * Names unescaped: the queries compiled for H2 run unchanged on PostgreSQL.
 */
@MappedEntity(value = "observation", escape = false)
public record ObservationRow(
        @Id @GeneratedValue @Nullable Long id,
        String region,
        @MappedProperty("series_code") String series,
        int period,
        @MappedProperty("obs_value") double value,
        @Nullable String source,
        Instant updatedAt,
        @Nullable String vintage) {

    @Creator
    public ObservationRow {
    }

    /** A row without a vintage. */
    public ObservationRow(@Nullable Long id, String region, String series, int period, double value,
                          @Nullable String source, Instant updatedAt) {
        this(id, region, series, period, value, source, updatedAt, null);
    }
}
