package io.ballast.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDate;

/** A dated policy event affecting a region, such as an export-control rule, with its source. */
@MappedEntity("policy_event")
public record EventRow(
        @Id @GeneratedValue @Nullable Long id,
        String region,
        LocalDate eventDate,
        String jurisdiction,
        String title,
        @Nullable Integer entitiesAdded,
        String source) {
}
