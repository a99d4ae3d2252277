package io.ballast.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything one measurement may read: the region, the period, the input series, the policy events counted against
 * the region, the settings, the deployment's rule for missing inputs and a clock.
 */
public interface IndicatorContext {

    /** The region being measured, as an ISO 3166-1 alpha-3 code such as {@code CHN}. */
    String region();

    /** The year being measured. */
    int period();

    /** The value of a series for this region in a year, or empty when the source has no value for it. */
    OptionalDouble value(String seriesCode, int year);

    /** The value of a series for this region in the period being measured. */
    default OptionalDouble value(String seriesCode) {
        return value(seriesCode, period());
    }

    /** The indicator's parameters: the descriptor's defaults, overridden by the deployment's config. */
    Map<String, Double> settings();

    /** One parameter; throws {@link IllegalArgumentException} when the descriptor does not declare it. */
    default double setting(String name) {
        Double value = settings().get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + settings().keySet());
        }
        return value;
    }

    /** The clock to use instead of {@code System.currentTimeMillis()}, so that tests are repeatable. */
    Clock clock();

    /**
     * How far a value may be carried forward and how much input a reading needs ({@link MissingDataPolicy}); the
     * deployment's config sets it. {@link WeightedIndex} applies it; an indicator of its own should too.
     */
    default MissingDataPolicy missingData() {
        return MissingDataPolicy.DEFAULT;
    }

    /**
     * The dated policy actions (export controls, say) counted against this region, earliest first, of every year: an
     * indicator reading them picks those dated up to its period. Empty when the host keeps no events.
     */
    default List<PolicyEvent> events() {
        return List.of();
    }
}
