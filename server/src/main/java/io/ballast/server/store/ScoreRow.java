package io.ballast.server.store;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * One computed score: an indicator's (or the composite's) score of a region in a year, with its detail as JSON; the
 * score is null when the year's reading is withheld (the detail says why).
 * Names unescaped: the queries compiled for H2 run unchanged on PostgreSQL.
 */
@MappedEntity(value = "score", escape = false)
public record ScoreRow(
        @Id @GeneratedValue @Nullable Long id,
        String region,
        String indicator,
        int period,
        @Nullable Double score,
        double coverage,
        String detail,
        Instant computedAt) {
}
