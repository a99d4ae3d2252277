package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A series' metadata: code, name, unit, source, licence and vintage.
 * Names unescaped: the queries compiled for H2 run unchanged on PostgreSQL.
 */
@MappedEntity(value = "series", escape = false)
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
