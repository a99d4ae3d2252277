package io.ballast.indicators.foreigninvestment;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/**
 * How much foreign capital an economy still draws: net FDI inflows as a share of GDP, read as a 3-year mean (a single
 * year's flow swings with one deal), and the direction of that mean over the last three years. Both are capacities.
 */
public final class ForeignInvestment implements Indicator {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private static final WeightedIndex INDEX = WeightedIndex.named("Foreign investment")
            .capacity("fdi", "FDI net inflows, % of GDP (3-year mean)",
                    Input.average(FDI, 3), new Goalposts(0, 5, HIGHER_IS_BETTER), 0.60)
            .capacity("fdi-trend", "Change in the 3-year mean of FDI net inflows over 3 years, points of GDP",
                    Input.change(Input.average(FDI, 3), 3), new Goalposts(-2, 2, HIGHER_IS_BETTER), 0.40)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "foreign-investment",
            "Foreign investment",
            "Net foreign direct investment inflows as a share of GDP over the last three years, and whether they are "
                    + "rising or falling; more inflow scores higher.",
            "2.0.0",
            INDEX.inputs(),
            INDEX.parameters(),
            INDEX.basket());

    @Override
    public IndicatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public IndicatorReading measure(IndicatorContext context) {
        return INDEX.measure(context);
    }
}
