package io.ballast.indicators.internalcapacity;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/**
 * What an economy can make and invent by itself: manufacturing, R&D spending, resident patent applications and the
 * high-technology share of its manufactured exports. Every input is a capacity.
 */
public final class InternalCapacity implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Internal capacity")
            .capacity("manufacturing", "Manufacturing value added, % of GDP",
                    Input.level("NV.IND.MANF.ZS"), new Goalposts(0, 40, HIGHER_IS_BETTER), 0.25)
            .capacity("rnd", "R&D expenditure, % of GDP",
                    Input.level("GB.XPD.RSDV.GD.ZS"), new Goalposts(0, 5, HIGHER_IS_BETTER), 0.25)
            .capacity("patents", "Resident patent applications, log10",
                    Input.log10("IP.PAT.RESD"), new Goalposts(3, 6.5, HIGHER_IS_BETTER), 0.25)
            .capacity("high-tech", "High-technology exports, % of manufactured exports",
                    Input.level("TX.VAL.TECH.MF.ZS"), new Goalposts(0, 50, HIGHER_IS_BETTER), 0.25)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "internal-capacity",
            "Internal capacity",
            "Manufacturing value added and R&D spending as shares of GDP, resident patent applications and the "
                    + "high-technology share of manufactured exports; more capacity scores higher.",
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
