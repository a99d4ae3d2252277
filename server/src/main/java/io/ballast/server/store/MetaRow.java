package io.ballast.server.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A key-value fact about the database itself, such as which baseline it was seeded with. */
@MappedEntity("ballast_meta")
public record MetaRow(@Id String metaKey, String metaValue) {
}
