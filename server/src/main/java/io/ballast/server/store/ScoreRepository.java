package io.ballast.server.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** Computed scores; batch writes go through {@link ScoreStore}. */
@JdbcRepository(dialect = Dialect.H2)
public interface ScoreRepository extends CrudRepository<ScoreRow, Long> {

    /** Every score of a region. */
    List<ScoreRow> findByRegion(String region);

    /** A region's scores from a year on, to compare a recompute from that year with what is stored. */
    List<ScoreRow> findByRegionAndPeriodGreaterThanEquals(String region, int from);

    /** One indicator's (or the composite's) history. */
    List<ScoreRow> findByRegionAndIndicatorAndPeriodBetweenOrderByPeriod(
            String region, String indicator, int from, int to);
}
