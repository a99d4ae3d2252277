package io.ballast.server.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Stored observations; batch upserts go through {@link ObservationStore}. */
@JdbcRepository(dialect = Dialect.H2)
public interface ObservationRepository extends CrudRepository<ObservationRow, Long> {

    /** Everything known about a region: the input of a recompute. */
    List<ObservationRow> findByRegion(String region);

    /** One series of one region, oldest first. */
    List<ObservationRow> findByRegionAndSeriesOrderByPeriod(String region, String series);

    /** The stored cells of one region in a span of years (index region, period): one query to tell a batch's changes. */
    List<ObservationRow> findByRegionAndPeriodBetween(String region, int from, int to);
}
