package io.ballast.server.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.testkit.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An in-process plugin's batches run on caller threads kept for its next batch (no thread start per change), one
 * more for each batch running at the same time, and none left once the measurer closes.
 */
class CallerThreadsTest {

    /** Notes each thread it is called on, then answers as {@code inner} does. */
    record Noting(Set<Thread> threads, Indicator inner) implements Indicator {
        @Override
        public IndicatorDescriptor descriptor() {
            return inner.descriptor();
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            threads.add(Thread.currentThread());
            return inner.measure(context);
        }
    }

    /** Notes its threads; with {@code parties} above 1, answers once that many calls are inside measure at once. */
    private static Noting noting(Set<Thread> threads, int parties) {
        return new Noting(threads, new MeasureEachTest.Meeting("noting", new CyclicBarrier(parties)));
    }

    private static List<IndicatorContext> year(int year) {
        return List.of(TestContext.of("CHN", year).build());
    }

    @Test
    void aPluginsBatchesOneAfterTheOtherRunOnOneThreadOfItsOwn() {
        PluginHost host = new PluginHost(id -> true);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        LoadedPlugin plugin = host.add(noting(threads, 1), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(2))) {
            for (int year = 2000; year < 2010; year++) {
                assertThat(measurer.measureAll(plugin, year(year))).singleElement()
                        .satisfies(m -> assertThat(m.reading()).isPresent());
                // the batch is answered from inside its thread's run: wait until that thread waits for the next
                await().atMost(Duration.ofSeconds(5)).until(() -> threads.stream()
                        .allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
            }
        }
        assertThat(threads).singleElement().satisfies(t -> {
            assertThat(t.getName()).startsWith("ballast-plugin-noting-");
            assertThat(t).isNotEqualTo(Thread.currentThread());
        });
    }

    @Test
    void batchesOfOnePluginAtTheSameTimeEachHaveAThreadAndNoneIsLeftAfterClose() throws Exception {
        PluginHost host = new PluginHost(id -> true);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        LoadedPlugin plugin = host.add(noting(threads, 2), "test").orElseThrow();
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(5))) {
            var other = CompletableFuture.supplyAsync(() -> measurer.measureAll(plugin, year(2020)));
            List<Measurement> mine = measurer.measureAll(plugin, year(2021));
            assertThat(mine).singleElement().satisfies(m -> assertThat(m.reading()).isPresent());
            assertThat(other.get(5, TimeUnit.SECONDS)).singleElement()
                    .satisfies(m -> assertThat(m.reading()).isPresent());
            assertThat(host.get("noting").orElseThrow().state()).isEqualTo(PluginState.STARTED);
        }
        assertThat(threads).hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.stream().noneMatch(Thread::isAlive));
    }

    @Test
    void aBatchAskedForAfterCloseStillRunsOnAThreadOfThePlugins() {
        PluginHost host = new PluginHost(id -> true);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        LoadedPlugin plugin = host.add(noting(threads, 1), "test").orElseThrow();
        Measurer measurer = new Measurer(host, Duration.ofSeconds(2));
        measurer.measureAll(plugin, year(2019));
        measurer.close();

        assertThat(measurer.measureAll(plugin, year(2020))).singleElement()
                .satisfies(m -> assertThat(m.reading()).isPresent());
        assertThat(threads).hasSize(2).allSatisfy(t -> assertThat(t.getName()).startsWith("ballast-plugin-noting-"));
        assertThat(host.get("noting").orElseThrow().state()).isEqualTo(PluginState.STARTED);
    }
}
