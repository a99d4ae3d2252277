package com.example.ballast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ballast.api.IndicatorReading;
import io.ballast.testkit.TestContext;
import org.junit.jupiter.api.Test;

class ResearchIntensityTest {

    private final ResearchIntensity indicator = new ResearchIntensity();

    @Test
    void scoresTheShareOfGdpBetweenTheGoalposts() {
        // 2.43 % of GDP between 0 and 4.5: 100 * 2.43 / 4.5 = 54.0
        IndicatorReading reading = indicator.measure(TestContext.of("CHN", 2023)
                .defaultsOf(indicator.descriptor())
                .value("GB.XPD.RSDV.GD.ZS", 2.43)
                .build());

        assertEquals(54.0, reading.score(), 1e-9);
        assertEquals(1.0, reading.coverage(), 1e-9);
    }
}
