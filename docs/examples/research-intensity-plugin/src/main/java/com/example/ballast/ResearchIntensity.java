package com.example.ballast;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/** Gross domestic spending on R&D as a share of GDP, scored between 0% and 4.5%; more scores higher. */
public final class ResearchIntensity implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Research intensity")
            .capacity("rnd", "R&D expenditure, % of GDP",
                    Input.level("GB.XPD.RSDV.GD.ZS"), new Goalposts(0, 4.5, HIGHER_IS_BETTER), 1.0)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "research-intensity",
            "Research intensity",
            "Gross domestic expenditure on research and development as a share of GDP; more spending scores higher.",
            "1.0.0",
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
