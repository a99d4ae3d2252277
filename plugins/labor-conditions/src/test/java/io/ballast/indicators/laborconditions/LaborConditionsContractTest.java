package io.ballast.indicators.laborconditions;

import io.ballast.api.Indicator;
import io.ballast.testkit.IndicatorContract;

class LaborConditionsContractTest implements IndicatorContract {
    @Override
    public Indicator indicator() {
        return new LaborConditions();
    }
}
