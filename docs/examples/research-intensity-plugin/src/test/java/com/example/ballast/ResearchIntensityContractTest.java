package com.example.ballast;

import io.ballast.api.Indicator;
import io.ballast.testkit.IndicatorContract;

class ResearchIntensityContractTest implements IndicatorContract {
    @Override
    public Indicator indicator() {
        return new ResearchIntensity();
    }
}
