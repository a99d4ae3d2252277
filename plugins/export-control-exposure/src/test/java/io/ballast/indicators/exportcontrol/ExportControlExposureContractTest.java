package io.ballast.indicators.exportcontrol;

import io.ballast.api.Indicator;
import io.ballast.testkit.IndicatorContract;

class ExportControlExposureContractTest implements IndicatorContract {
    @Override
    public Indicator indicator() {
        return new ExportControlExposure();
    }
}
