package io.ballast.indicators.exportcontrol;

import static io.ballast.api.Direction.LOWER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/**
 * How exposed an economy is to foreign export controls: dependence on imported ICT goods and chips, and the year's
 * export-control actions against it. More exposure, lower score.
 */
public final class ExportControlExposure implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Export-control exposure")
            .input("ict-imports", "ICT goods, % of goods imports",
                    Input.level("TM.VAL.ICTG.ZS.UN"), new Goalposts(5, 35, LOWER_IS_BETTER), 0.30)
            .input("chip-imports", "Integrated-circuit imports, % of manufacturing value added",
                    Input.ratio("BAL.IC.IMPORTS.USD", "NV.IND.MANF.CD", 100e9), new Goalposts(0, 15, LOWER_IS_BETTER),
                    0.20)
            .input("entities", "Entities added to the US Entity List",
                    Input.level("BAL.EC.ENTITIES"), new Goalposts(0, 200, LOWER_IS_BETTER), 0.25)
            .input("actions", "Export-control actions",
                    Input.level("BAL.EC.ACTIONS"), new Goalposts(0, 8, LOWER_IS_BETTER), 0.25)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "export-control-exposure",
            "Export-control exposure",
            "Dependence on imported ICT goods and chips, and the export-control actions taken against the economy "
                    + "in the year; more exposure scores lower.",
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
