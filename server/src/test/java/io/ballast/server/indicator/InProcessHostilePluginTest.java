package io.ballast.server.indicator;

import static io.ballast.server.indicator.PluginJars.drop;
import static io.ballast.server.indicator.PluginJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.IndicatorContext;
import io.ballast.testkit.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be done for hostile plugins run in process ({@code plugins.isolation: in-process}): their lifecycle calls
 * are bounded, an {@code Error} refuses them once, a stuck call is not started again, threads they start fail them,
 * and their readings are checked again. (A plugin calling {@code System.exit} cannot be contained in process.)
 */
class InProcessHostilePluginTest {

    static final Duration LIMIT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    PluginHost host;
    Measurer measurer;
    PluginFolder folder;
    Path plugins;
    Path cache;

    @BeforeEach
    void setUp() {
        System.clearProperty("hostile.released");
        host = new PluginHost(id -> true, Duration.ofSeconds(1));
        measurer = new Measurer(host, LIMIT);
        plugins = dir.resolve("plugins");
        cache = dir.resolve("plugin-cache");
        folder = new PluginFolder(plugins, cache, host);
    }

    @AfterEach
    void tearDown() {
        System.setProperty("hostile.released", "true"); // lets the stuck call of one test end after it
        folder.unloadAll();
        measurer.close();
    }

    private List<Measurement> measure(String id) {
        List<IndicatorContext> years = IntStream.rangeClosed(2015, 2017).mapToObj(y -> (IndicatorContext)
                TestContext.of("DEU", y).value("GB.XPD.RSDV.GD.ZS", y, 2.5).build()).toList();
        return measurer.measureAll(host.get(id).orElseThrow(), years);
    }

    private List<Path> cacheFiles() {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDescriptorThrowingAnErrorIsRefusedOnceWithoutACopyLeftBehind() {
        drop(plugins, "error.jar", hostile("errs", """
                public IndicatorDescriptor descriptor() { return descriptor(); }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                """));

        folder.loadAll();
        for (int i = 0; i < 3; i++) {
            folder.scan();
        }

        assertThat(host.refusals().get("error.jar")).singleElement().asString().contains("StackOverflowError");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void aDescriptorThatNeverReturnsIsRefusedAtTheLimitAndTheNextJarLoads() {
        drop(plugins, "a-loops.jar", hostile("describes-forever", """
                public IndicatorDescriptor descriptor() {
                    while (!Thread.currentThread().isInterrupted()) { Thread.onSpinWait(); }
                    return describe();
                }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                """));
        drop(plugins, "b-good.jar", PluginJars.indicator("good", "1.0.0", PluginJars.researchTimes(10, "good")));

        long started = System.nanoTime();
        folder.loadAll();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.refusals().get("a-loops.jar")).singleElement().asString()
                .contains("descriptor() did not return within 1000 ms");
        assertThat(host.get("good")).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo(PluginState.STARTED));
    }

    @Test
    void aCloseThatNeverReturnsHoldsUpStoppingForTheLimitOnly() {
        drop(plugins, "close.jar", hostile("never-closes", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                public void close() {
                    while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } }
                }
                """));
        folder.loadAll();

        long started = System.nanoTime();
        host.stopAll();
        folder.unloadAll();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPluginStartingThreadsFails() {
        drop(plugins, "threads.jar", hostile("spawns", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    new Thread(() -> {
                        try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                    }).start();
                    return fine();
                }
                """));
        folder.loadAll();

        assertThat(measure("spawns")).allSatisfy(m -> assertThat(m.reading()).isEmpty());

        assertThat(host.get("spawns").orElseThrow().failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("must not start threads"));
    }

    @Test
    void aTimedOutCallStillRunningIsNotStartedAgainWhenThePluginIsSwitchedBackOn() {
        drop(plugins, "spin.jar", hostile("spins", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    while (System.getProperty("hostile.released") == null) {
                        try { Thread.sleep(20); } catch (InterruptedException ignoredToo) { }
                    }
                    return fine();
                }
                """));
        folder.loadAll();
        measure("spins");
        long spinning = threadsNamed("ballast-plugin-spins");

        host.enable("spins");
        measure("spins");

        assertThat(threadsNamed("ballast-plugin-spins")).isEqualTo(spinning).isEqualTo(1);
        assertThat(host.get("spins").orElseThrow().failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("still running"));
    }

    @Test
    void aReadingAlteredAfterItsChecksIsRefused() {
        drop(plugins, "bypass.jar", hostile("bypasses", HostilePluginTest.BYPASS));
        folder.loadAll();

        assertThat(measure("bypasses")).allSatisfy(m -> assertThat(m.reading()).isEmpty());

        assertThat(host.get("bypasses").orElseThrow().failure()).hasValueSatisfying(cause -> assertThat(cause)
                .contains("returned an invalid reading").contains("coverage must be within 0.0 and 1.0"));
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
