package io.ballast.indicators.exportcontrol;

import static io.ballast.api.Direction.LOWER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.Parameter;
import io.ballast.api.WeightedIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * How exposed an economy is to export controls, in two halves of equal weight: structural dependence (how much of
 * what it imports is the kind of goods controls target) and control pressure (the severity-weighted controls in force
 * against it, whoever imposed them). Every input is a vulnerability: more exposure, lower score.
 */
public final class ExportControlExposure implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Export-control exposure")
            .vulnerability("ict-imports", "ICT goods, % of goods imports",
                    Input.level("TM.VAL.ICTG.ZS.UN"), new Goalposts(0, 50, LOWER_IS_BETTER), 0.25)
            .vulnerability("manufactures-imports", "Manufactures, % of merchandise imports",
                    Input.level("TM.VAL.MANF.ZS.UN"), new Goalposts(0, 100, LOWER_IS_BETTER), 0.25)
            .vulnerability("control-pressure", "Export controls in force (severity points)",
                    new ControlPressure(), new Goalposts(0, 100, LOWER_IS_BETTER), 0.50)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "export-control-exposure",
            "Export-control exposure",
            "Structural dependence on imported ICT goods and manufactures, and the severity of the export controls in "
                    + "force against the economy, whoever imposed them; more exposure scores lower.",
            "2.0.0",
            INDEX.inputs(),
            parameters(),
            INDEX.basket());

    private static List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(INDEX.parameters());
        all.addAll(ControlPressure.PARAMETERS);
        return all;
    }

    @Override
    public IndicatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public IndicatorReading measure(IndicatorContext context) {
        return INDEX.measure(context);
    }
}
