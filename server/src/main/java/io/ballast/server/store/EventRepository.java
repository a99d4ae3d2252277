package io.ballast.server.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Dated policy events. */
@JdbcRepository(dialect = Dialect.H2)
public interface EventRepository extends CrudRepository<EventRow, Long> {

    /** A region's events, oldest first. */
    List<EventRow> findByRegionOrderByEventDate(String region);
}
