package io.ballast.server.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Series metadata. */
@JdbcRepository(dialect = Dialect.H2)
public interface SeriesRepository extends CrudRepository<SeriesRow, String> {
}
