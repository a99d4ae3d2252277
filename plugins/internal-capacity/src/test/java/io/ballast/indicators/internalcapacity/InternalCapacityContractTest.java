package io.ballast.indicators.internalcapacity;

import io.ballast.api.Indicator;
import io.ballast.testkit.IndicatorContract;

class InternalCapacityContractTest implements IndicatorContract {
    @Override
    public Indicator indicator() {
        return new InternalCapacity();
    }
}
