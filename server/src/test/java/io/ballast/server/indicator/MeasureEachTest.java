package io.ballast.server.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.testkit.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Several plugins' batches run at the same time (a region's recompute waits for the slowest, not for the sum of their
 * thread hops), each still under its own time limit and answered as {@code measureAll} answers it.
 */
class MeasureEachTest {

    /** Scores 50 once every plugin sharing {@code meet} is inside its measure call at the same time. */
    record Meeting(String id, CyclicBarrier meet) implements Indicator {
        @Override
        public IndicatorDescriptor descriptor() {
            return new IndicatorDescriptor(id, id, "meets the others", "1", List.of("X"), List.of());
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            try {
                meet.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("measured alone", e);
            }
            return new IndicatorReading(50, List.of(new Component("x", "X", 1, 50, 1)), "fine.", 1, List.of());
        }
    }

    private static List<IndicatorContext> year(int year) {
        return List.of(TestContext.of("CHN", year).build());
    }

    @Test
    void thePluginsBatchesRunAtTheSameTime() {
        PluginHost host = new PluginHost(id -> true);
        CyclicBarrier meet = new CyclicBarrier(3);
        List<LoadedPlugin> plugins = List.of(host.add(new Meeting("a", meet), "test").orElseThrow(),
                host.add(new Meeting("b", meet), "test").orElseThrow(),
                host.add(new Meeting("c", meet), "test").orElseThrow());
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(5))) {
            List<List<Measurement>> readings = measurer.measureEach(plugins, List.of(year(2020), year(2020),
                    year(2020)));
            assertThat(readings).hasSize(3).allSatisfy(r -> assertThat(r).singleElement()
                    .satisfies(m -> assertThat(m.reading()).isPresent()));
            assertThat(plugins).allSatisfy(p -> assertThat(host.get(p.id()).orElseThrow().state())
                    .isEqualTo(PluginState.STARTED));
        }
    }

    @Test
    void aPluginOverItsLimitFailsAloneAndTheOthersAnswer() {
        PluginHost host = new PluginHost(id -> true);
        LoadedPlugin slow = host.add(new MeasurerTest.Napping(c -> 5_000), "test").orElseThrow();
        LoadedPlugin quick = host.add(new Meeting("quick", new CyclicBarrier(1)), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(150))) {
            long started = System.nanoTime();
            List<List<Measurement>> readings = measurer.measureEach(List.of(slow, quick), List.of(year(2020),
                    year(2020)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(readings.get(0)).singleElement().satisfies(m -> assertThat(m.reading()).isEmpty());
            assertThat(readings.get(1)).singleElement().satisfies(m -> assertThat(m.reading()).isPresent());
            assertThat(host.get("napping").orElseThrow().state()).isEqualTo(PluginState.FAILED);
            assertThat(host.get("quick").orElseThrow().state()).isEqualTo(PluginState.STARTED);
        }
    }
}
