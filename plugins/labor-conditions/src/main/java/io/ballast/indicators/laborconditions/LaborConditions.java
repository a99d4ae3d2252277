package io.ballast.indicators.laborconditions;

import static io.ballast.api.Direction.LOWER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/** How the people doing the work fare: unemployment overall, among the young, and in the cities. */
public final class LaborConditions implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Labor conditions")
            .input("unemployment", "Unemployment, % of labour force (ILO model)",
                    Input.level("SL.UEM.TOTL.ZS"), new Goalposts(2, 15, LOWER_IS_BETTER), 0.40)
            .input("youth-unemployment", "Youth unemployment, % of labour force aged 15-24 (ILO model)",
                    Input.level("SL.UEM.1524.ZS"), new Goalposts(5, 35, LOWER_IS_BETTER), 0.35)
            .input("urban-unemployment", "Surveyed urban unemployment, %",
                    Input.level("BAL.UEM.URBAN"), new Goalposts(3, 10, LOWER_IS_BETTER), 0.25)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "labor-conditions",
            "Labor conditions",
            "Unemployment overall, among 15-24 year-olds and in the cities; less unemployment scores higher.",
            "1.0.0",
            INDEX.inputs(),
            INDEX.parameters());

    @Override
    public IndicatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public IndicatorReading measure(IndicatorContext context) {
        return INDEX.measure(context);
    }
}
