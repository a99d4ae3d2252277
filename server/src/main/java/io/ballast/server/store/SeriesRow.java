package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A series' metadata: code, name, unit, source, licence and vintage. */
@MappedEntity("series")
public record SeriesRow(
        @Id String code,
        String name,
        @Nullable String unit,
        @Nullable String source,
        @Nullable String sourceUrl,
        @Nullable String licence,
        @Nullable String vintage,
        @Nullable String notes) {
}
