package io.ballast.indicators.foreigninvestment;

import io.ballast.api.Indicator;
import io.ballast.testkit.IndicatorContract;

class ForeignInvestmentContractTest implements IndicatorContract {
    @Override
    public Indicator indicator() {
        return new ForeignInvestment();
    }
}
