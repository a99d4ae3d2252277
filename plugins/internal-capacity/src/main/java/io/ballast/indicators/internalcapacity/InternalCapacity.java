package io.ballast.indicators.internalcapacity;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/** What an economy can make and invent by itself: manufacturing, R&D, resident patents, high-tech exports. */
public final class InternalCapacity implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Internal capacity")
            .input("manufacturing", "Manufacturing value added, % of GDP",
                    Input.level("NV.IND.MANF.ZS"), new Goalposts(10, 35, HIGHER_IS_BETTER), 0.30)
            .input("rnd", "R&D expenditure, % of GDP",
                    Input.level("GB.XPD.RSDV.GD.ZS"), new Goalposts(0, 4, HIGHER_IS_BETTER), 0.30)
            .input("patents", "Resident patent applications, log10",
                    Input.log10("IP.PAT.RESD"), new Goalposts(3, 6.5, HIGHER_IS_BETTER), 0.20)
            .input("high-tech", "High-technology exports, % of manufactured exports",
                    Input.level("TX.VAL.TECH.MF.ZS"), new Goalposts(0, 40, HIGHER_IS_BETTER), 0.20)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "internal-capacity",
            "Internal capacity",
            "Manufacturing value added and R&D spending as shares of GDP, resident patent applications and "
                    + "high-technology exports; more capacity scores higher.",
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
