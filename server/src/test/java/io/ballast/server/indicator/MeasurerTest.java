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
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The time limit holds per measure call, even when a region's years are measured in one batch. */
class MeasurerTest {

    /** Sleeps as long as {@code napMillis} says for the context's year, then scores 50. */
    record Napping(ToLongFunction<IndicatorContext> napMillis) implements Indicator {
        @Override
        public IndicatorDescriptor descriptor() {
            return new IndicatorDescriptor("napping", "Napping", "sleeps", "1", List.of("X"), List.of());
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            try {
                Thread.sleep(napMillis.applyAsLong(context));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new IndicatorReading(50, List.of(new Component("x", "X", 1, 50, 1)), "fine.", 1, List.of());
        }
    }

    private static List<IndicatorContext> years(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to)
                .mapToObj(y -> (IndicatorContext) TestContext.of("CHN", y).build()).toList();
    }

    @Test
    void manyQuickCallsTogetherLongerThanTheLimitAllSucceed() {
        PluginHost host = new PluginHost(id -> true);
        LoadedPlugin plugin = host.add(new Napping(c -> 40), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(150))) {
            List<Measurement> readings = measurer.measureAll(plugin, years(2000, 2009)); // 400 ms
            assertThat(readings).hasSize(10).allSatisfy(r -> assertThat(r.reading()).isPresent());
            assertThat(host.get("napping").orElseThrow().state()).isEqualTo(PluginState.STARTED);
        }
    }

    @Test
    void oneCallOverTheLimitFailsThePluginNamingItsYearAndKeepsTheEarlierReadings() {
        PluginHost host = new PluginHost(id -> true);
        LoadedPlugin plugin = host.add(new Napping(c -> c.period() == 2003 ? 5_000 : 1), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(150))) {
            long started = System.nanoTime();
            List<Measurement> readings = measurer.measureAll(plugin, years(2000, 2005));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(readings.subList(0, 3)).allSatisfy(r -> assertThat(r.reading()).isPresent());
            assertThat(readings.subList(3, 6)).allSatisfy(r -> assertThat(r.reading()).isEmpty());
            LoadedPlugin failed = host.get("napping").orElseThrow();
            assertThat(failed.state()).isEqualTo(PluginState.FAILED);
            assertThat(failed.failure()).get().asString().contains("longer than 150 ms").contains("CHN 2003");
        }
    }

    /** Healthy or not as {@code answer} says, after waiting for {@code release}; counts its health checks. */
    record Checking(java.util.concurrent.CountDownLatch release, java.util.concurrent.atomic.AtomicInteger checks,
                    io.ballast.api.Health answer) implements Indicator {
        @Override
        public IndicatorDescriptor descriptor() {
            return new IndicatorDescriptor("checking", "Checking", "checks", "1", List.of("X"), List.of());
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            return new IndicatorReading(50, List.of(new Component("x", "X", 1, 50, 1)), "fine.", 1, List.of());
        }

        @Override
        public io.ballast.api.Health checkHealth() {
            checks.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        }
    }

    @Test
    void aHealthCheckThatHangsIsUnhealthyWithinTheLimitAndIsNeverStartedTwice() throws Exception {
        PluginHost host = new PluginHost(id -> true);
        var release = new java.util.concurrent.CountDownLatch(1);
        var checks = new java.util.concurrent.atomic.AtomicInteger();
        LoadedPlugin plugin = host.add(new Checking(release, checks, io.ballast.api.Health.HEALTHY), "test")
                .orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(150))) {
            long started = System.nanoTime();
            var first = measurer.health(plugin).get(2, java.util.concurrent.TimeUnit.SECONDS);
            var second = measurer.health(plugin).get(2, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(first.healthy()).isFalse();
            assertThat(first.detail()).contains("did not answer within 150 ms");
            assertThat(second.healthy()).isFalse();
            assertThat(checks.get()).as("the hanging check is waited on again, not started again").isEqualTo(1);
            release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2))
                    .until(() -> measurer.health(plugin).get().healthy());
            assertThat(host.get("checking").orElseThrow().state()).as("a health check never fails a plugin")
                    .isEqualTo(PluginState.STARTED);
        }
    }

    @Test
    void aHealthCheckThatThrowsOrSaysUnhealthyIsReportedWithItsReason() throws Exception {
        PluginHost host = new PluginHost(id -> true);
        var open = new java.util.concurrent.CountDownLatch(0);
        LoadedPlugin sick = host.add(new Checking(open, new java.util.concurrent.atomic.AtomicInteger(),
                io.ballast.api.Health.unhealthy("the feed is stale")), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(500))) {
            assertThat(measurer.health(sick).get()).isEqualTo(io.ballast.api.Health.unhealthy("the feed is stale"));
        }
    }
}
