package io.ballast.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Locale;

/**
 * The uncertainty analysis (Handbook step 7): whether it runs, its base samples N (a power of two; the analysis
 * scores the panel N × (k + 2) times), how far each analyst's choice may move, and the base samples of a
 * scenario's analysis. Indicator and input weights are multiplied by a factor within 1 ± their share; each goalpost
 * moves by up to ± its share of the goalposts' range; the aggregation and the carry-forward years are drawn from
 * their lists.
 */
public record Uncertainty(boolean enabled, int samples, double indicatorWeights, double inputWeights,
                          double goalposts, List<BallastConfig.CompositeMethod> aggregations,
                          List<Integer> carryForwardYears, int scenarioSamples) {

    /** Reads the {@code uncertainty} section; lists may be comma-separated text (from the environment). */
    @JsonCreator
    static Uncertainty of(@JsonProperty("enabled") Boolean enabled,
                          @JsonProperty("samples") @Range(min = 2, max = 65536) Integer samples,
                          @JsonProperty("indicator-weights") @Range(min = 0, max = 1) Double indicatorWeights,
                          @JsonProperty("input-weights") @Range(min = 0, max = 1) Double inputWeights,
                          @JsonProperty("goalposts") @Range(min = 0, max = 0.49) Double goalposts,
                          @JsonProperty("aggregations") @JsonDeserialize(using = ConfigTypes.CommaList.class)
                          List<String> aggregations,
                          @JsonProperty("carry-forward-years") @JsonDeserialize(using = ConfigTypes.CommaList.class)
                          List<String> carryForwardYears,
                          @JsonProperty("scenario-samples") @Range(min = 2, max = 65536) Integer scenarioSamples) {
        Invalid.present(samples, "samples", "a power of two from 2 to 65536, such as 4096");
        Invalid.present(scenarioSamples, "scenario-samples", "a power of two from 2 to 65536, such as 512");
        Invalid.unless(Integer.bitCount(samples) == 1, "samples",
                "a power of two from 2 to 65536 (the Sobol design needs one), such as 4096, not " + samples);
        Invalid.unless(Integer.bitCount(scenarioSamples) == 1, "scenario-samples",
                "a power of two from 2 to 65536, such as 512, not " + scenarioSamples);
        Invalid.unless(aggregations != null && !aggregations.isEmpty(), "aggregations",
                "a list of one or both of geometric and arithmetic");
        List<BallastConfig.CompositeMethod> methods = aggregations.stream().map(a -> {
            Invalid.unless(a.equalsIgnoreCase("geometric") || a.equalsIgnoreCase("arithmetic"), "aggregations",
                    "a list of one or both of geometric and arithmetic, but '" + a + "' is neither");
            return BallastConfig.CompositeMethod.valueOf(a.toUpperCase(Locale.ROOT));
        }).distinct().toList();
        Invalid.unless(carryForwardYears != null && !carryForwardYears.isEmpty(), "carry-forward-years",
                "a list of whole numbers of years from 0 to 10, such as [0, 1, 2]");
        List<Integer> years = carryForwardYears.stream().map(y -> {
            Invalid.unless(y.matches("\\d{1,2}") && Integer.parseInt(y) <= 10, "carry-forward-years",
                    "a list of whole numbers of years from 0 to 10, but '" + y + "' is not one");
            return Integer.parseInt(y);
        }).distinct().toList();
        return new Uncertainty(enabled == null || enabled, samples, Invalid.present(indicatorWeights,
                "indicator-weights", "a share from 0 to 1, such as 0.5"), Invalid.present(inputWeights,
                "input-weights", "a share from 0 to 1, such as 0.5"), Invalid.present(goalposts, "goalposts",
                "a share of the goalposts' range from 0 to 0.49, such as 0.2"), methods, years, scenarioSamples);
    }

    public Uncertainty {
        aggregations = List.copyOf(aggregations);
        carryForwardYears = List.copyOf(carryForwardYears);
    }
}
