package io.ballast.server.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A key-value fact about the database itself, such as which baseline it was seeded with.
 * Names unescaped: the queries compiled for H2 run unchanged on PostgreSQL.
 */
@MappedEntity(value = "ballast_meta", escape = false)
public record MetaRow(@Id String metaKey, String metaValue) {
}
