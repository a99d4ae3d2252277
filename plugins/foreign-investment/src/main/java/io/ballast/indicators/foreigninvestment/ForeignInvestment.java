package io.ballast.indicators.foreigninvestment;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/** How much foreign capital and trade an economy still draws: FDI inflows, their 3-year trend, trade openness. */
public final class ForeignInvestment implements Indicator {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private static final WeightedIndex INDEX = WeightedIndex.named("Foreign investment")
            .input("fdi", "FDI net inflows, % of GDP",
                    Input.level(FDI), new Goalposts(0, 5, HIGHER_IS_BETTER), 0.50)
            .input("fdi-trend", "Change in FDI net inflows over 3 years, points of GDP",
                    Input.change(FDI, 3), new Goalposts(-2, 2, HIGHER_IS_BETTER), 0.25)
            .input("trade", "Trade, % of GDP",
                    Input.level("NE.TRD.GNFS.ZS"), new Goalposts(20, 100, HIGHER_IS_BETTER), 0.25)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "foreign-investment",
            "Foreign investment",
            "Foreign direct investment inflows as a share of GDP, their change over three years, and trade openness; "
                    + "more inflow and openness scores higher.",
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
