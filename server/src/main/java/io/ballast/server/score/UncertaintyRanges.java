package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.Uncertainty;
import io.ballast.server.config.BallastConfig.CompositeMethod;
import java.util.List;
import java.util.Optional;

/**
 * How far each choice the uncertainty analysis varies may move: indicator and input weights are multiplied by a
 * factor drawn within 1 ± the given share, each goalpost moves by up to ± the given share of its range, the
 * aggregation is one of the listed methods and values are carried forward at most one of the listed numbers of years.
 * Zero widths and single options hold a choice at its plain value. {@code samples} is N, the number of base samples (a
 * power of two).
 */
public record UncertaintyRanges(double indicatorWeights, double inputWeights, double goalposts,
                                List<CompositeMethod> aggregations, List<Integer> carryForwardYears, int samples) {

    public UncertaintyRanges {
        aggregations = List.copyOf(aggregations);
        carryForwardYears = List.copyOf(carryForwardYears);
        if (indicatorWeights < 0 || indicatorWeights > 1 || inputWeights < 0 || inputWeights > 1) {
            throw new IllegalArgumentException("weight ranges must be within 0 and 1");
        }
        if (goalposts < 0 || goalposts >= 0.5) {
            throw new IllegalArgumentException("goalposts may move by at least 0 and less than half their range");
        }
        if (aggregations.isEmpty() || carryForwardYears.isEmpty()) {
            throw new IllegalArgumentException("at least one aggregation and one carry-forward rule");
        }
        if (samples < 2 || Integer.bitCount(samples) != 1) {
            throw new IllegalArgumentException("samples must be a power of two, at least 2");
        }
    }

    /** The ranges of the server's analysis as configured; empty when the analysis is switched off. */
    public static Optional<UncertaintyRanges> of(Uncertainty config) {
        return config.enabled() ? Optional.of(sized(config, config.samples())) : Optional.empty();
    }

    /** The ranges of a scenario's analysis (its smaller sample); empty when the analysis is switched off. */
    public static Optional<UncertaintyRanges> ofScenarios(Uncertainty config) {
        return config.enabled() ? Optional.of(sized(config, config.scenarioSamples())) : Optional.empty();
    }

    private static UncertaintyRanges sized(Uncertainty c, int samples) {
        return new UncertaintyRanges(c.indicatorWeights(), c.inputWeights(), c.goalposts(), c.aggregations(),
                c.carryForwardYears(), samples);
    }

    /** Every choice held at the configured one: the analysis then reproduces the plain scores. */
    static UncertaintyRanges none(CompositeMethod method, int carryForwardYears, int samples) {
        return new UncertaintyRanges(0, 0, 0, List.of(method), List.of(carryForwardYears), samples);
    }
}
