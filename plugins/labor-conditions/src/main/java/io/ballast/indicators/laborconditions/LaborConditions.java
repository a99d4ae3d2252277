package io.ballast.indicators.laborconditions;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;

import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;

/**
 * How the people doing the work fare: joblessness overall and among the young, precarious (own-account and family)
 * work, what a worker produces, and how many people take part in the labor market. The first three are
 * vulnerabilities, the last two capacities. Vulnerable employment and output per worker move together across
 * economies (r = 0.92 over the bundled data, docs/methodology.md step 4): they measure one dimension, how formal and
 * productive work is, and share the weight of one input.
 */
public final class LaborConditions implements Indicator {

    private static final WeightedIndex INDEX = WeightedIndex.named("Labor conditions")
            .vulnerability("unemployment", "Unemployment, % of labor force (ILO model)",
                    Input.level("SL.UEM.TOTL.ZS"), new Goalposts(2, 15, LOWER_IS_BETTER), 0.30)
            .vulnerability("youth-unemployment", "Youth unemployment, % of labor force aged 15-24 (ILO model)",
                    Input.level("SL.UEM.1524.ZS"), new Goalposts(5, 35, LOWER_IS_BETTER), 0.25)
            .vulnerability("vulnerable-employment", "Vulnerable employment, % of employment (ILO model)",
                    Input.level("SL.EMP.VULN.ZS"), new Goalposts(0, 100, LOWER_IS_BETTER), 0.125)
            .capacity("output-per-worker", "GDP per person employed, log10 of constant 2021 PPP $",
                    Input.log10("SL.GDP.PCAP.EM.KD"), new Goalposts(Math.log10(5_000), Math.log10(200_000),
                            HIGHER_IS_BETTER), 0.125)
            .capacity("participation", "Labor force participation, % of population aged 15+ (ILO model)",
                    Input.level("SL.TLF.CACT.ZS"), new Goalposts(40, 80, HIGHER_IS_BETTER), 0.20)
            .build();

    private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor(
            "labor-conditions",
            "Labor conditions",
            "Unemployment overall and among 15-24 year-olds, vulnerable employment, output per worker and labor force "
                    + "participation; less joblessness and precarious work, more productive work score higher.",
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
