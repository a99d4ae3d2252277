package io.ballast.server.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** Computed scores; batch writes go through {@link ScoreWriter}. */
@JdbcRepository(dialect = Dialect.H2)
public interface ScoreRepository extends CrudRepository<ScoreRow, Long> {

    /** Every score of a region, to compare a recompute with what is stored. */
    List<ScoreRow> findByRegion(String region);

    /** The scores of a region in one year. */
    List<ScoreRow> findByRegionAndPeriod(String region, int period);

    /** One indicator's (or the composite's) history. */
    List<ScoreRow> findByRegionAndIndicatorAndPeriodBetweenOrderByPeriod(
            String region, String indicator, int from, int to);

    /** The latest year that has any score. */
    Optional<Integer> findMaxPeriodByRegion(String region);

    /** The latest year that has a score of this indicator. */
    Optional<Integer> findMaxPeriodByRegionAndIndicator(String region, String indicator);
}
