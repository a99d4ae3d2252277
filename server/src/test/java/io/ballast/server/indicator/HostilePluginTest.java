package io.ballast.server.indicator;

import static io.ballast.server.indicator.PluginJars.drop;
import static io.ballast.server.indicator.PluginJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.api.IndicatorContext;
import io.ballast.testkit.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that try to take the server down, each run out of process as the folder runs every jar by default: the
 * runner is killed, the plugin is reported FAILED or refused with the cause, a well-behaved plugin beside it goes on,
 * and no runner, thread, file descriptor or cached copy is left behind.
 */
class HostilePluginTest {

    static final Duration LIMIT = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    PluginHost host;
    Measurer measurer;
    PluginFolder folder;
    Path plugins;
    Path cache;
    long descriptorsBefore;

    @BeforeEach
    void setUp() {
        descriptorsBefore = openDescriptors();
        host = new PluginHost(id -> true, Duration.ofSeconds(2));
        measurer = new Measurer(host, LIMIT);
        plugins = dir.resolve("plugins");
        cache = dir.resolve("plugin-cache");
        RunnerCommand runners = RunnerCommand.ofThisJvm(48, dir).withStartLimit(Duration.ofSeconds(15));
        folder = new PluginFolder(plugins, cache, host, Optional.of(runners), LIMIT);
        drop(plugins, "good.jar", PluginJars.indicator("good-neighbour", "1.0.0",
                PluginJars.researchTimes(10, "good")));
    }

    @AfterEach
    void tearDown() {
        folder.unloadAll();
        measurer.close();
    }

    private static List<IndicatorContext> years() {
        var data = TestContext.of("DEU", 2015);
        IntStream.rangeClosed(2010, 2018).forEach(y -> data.value("GB.XPD.RSDV.GD.ZS", y, 2.5));
        TestContext context = data.build();
        return IntStream.rangeClosed(2015, 2018).mapToObj(y -> (IndicatorContext) context.atPeriod(y)).toList();
    }

    private List<Measurement> measure(String id) {
        return measurer.measureAll(host.get(id).orElseThrow(), years());
    }

    private LoadedPlugin plugin(String id) {
        return host.get(id).orElseThrow();
    }

    /** The well-behaved plugin loaded beside the hostile one still measures. */
    private void neighbourStillMeasures() {
        assertThat(measure("good-neighbour")).allSatisfy(m -> assertThat(m.reading()).isPresent());
        assertThat(plugin("good-neighbour").state()).isEqualTo(PluginState.STARTED);
    }

    /** After unloading: no runner process, no runner thread, no cached copy, no more open files than before. */
    private void nothingLeftBehind(List<Long> pids) {
        folder.unloadAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().noneMatch(pid ->
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("ballast-runner-")));
        assertThat(cacheFiles()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> openDescriptors() <= descriptorsBefore + 2);
    }

    private List<Path> cacheFiles() {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return 0; // not Linux: the count is not checked
        }
    }

    @Test
    void aPluginCallingSystemExitFailsAloneWithItsExitNamed() {
        drop(plugins, "exit.jar", hostile("exits", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) { System.exit(0); return fine(); }
                """));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();
        assertThat(pids).hasSize(2);

        assertThat(measure("exits")).allSatisfy(m -> assertThat(m.reading()).isEmpty());

        assertThat(plugin("exits").state()).isEqualTo(PluginState.FAILED);
        assertThat(plugin("exits").failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("exited with code 0").contains("DEU 2015"));
        neighbourStillMeasures();
        nothingLeftBehind(pids);
    }

    @Test
    void aLoopingMeasureIsKilledAtItsTimeLimit() {
        drop(plugins, "loop.jar", hostile("loops", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    while (context.period() > 0) { Math.sqrt(context.period()); }
                    return fine();
                }
                """));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();
        long started = System.nanoTime();

        measure("loops");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.multipliedBy(3));
        assertThat(plugin("loops").failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("took longer than " + LIMIT.toMillis() + " ms for DEU 2015"));
        neighbourStillMeasures();
        nothingLeftBehind(pids);
    }

    @Test
    void aPluginStartingThreadsIsKilledWithThem() {
        drop(plugins, "threads.jar", hostile("spawns", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    for (int i = 0; i < 20; i++) {
                        new Thread(() -> {
                            while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } }
                        }).start();
                    }
                    return fine();
                }
                """));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();

        assertThat(measure("spawns")).allSatisfy(m -> assertThat(m.reading()).isEmpty());

        assertThat(plugin("spawns").failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("started 20 thread(s)").contains("must not start threads"));
        neighbourStillMeasures();
        nothingLeftBehind(pids);
    }

    @Test
    void aPluginHoldingMemoryRunsOutOfItsOwnHeapNotTheServers() {
        drop(plugins, "hog.jar", hostile("hogs", """
                static final List<long[]> HELD = new ArrayList<>();
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    while (true) { HELD.add(new long[1_000_000]); }
                }
                """));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();

        measure("hogs");

        assertThat(plugin("hogs").failure()).hasValueSatisfying(cause ->
                assertThat(cause).contains("ran out of memory").contains("runner-heap-mb"));
        neighbourStillMeasures();
        nothingLeftBehind(pids);
    }

    @Test
    void aDescriptorThrowingAnErrorIsRefusedOnceAndNotTriedAgainOnEveryScan() {
        drop(plugins, "error.jar", hostile("errs", """
                public IndicatorDescriptor descriptor() { return descriptor(); }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                """));
        folder.loadAll();
        for (int i = 0; i < 3; i++) {
            folder.scan();
        }

        assertThat(host.get("errs")).isEmpty();
        assertThat(host.refusals().get("error.jar")).singleElement().asString().contains("StackOverflowError");
        assertThat(cacheFiles()).hasSize(1); // the good neighbour's copy only
        neighbourStillMeasures();
        nothingLeftBehind(folder.runnerPids());
    }

    @Test
    void aDescriptorThatNeverReturnsIsRefusedAtTheStartLimitAndLaterJarsStillLoad() {
        folder.unloadAll();
        RunnerCommand quick = RunnerCommand.ofThisJvm(48, dir).withStartLimit(Duration.ofSeconds(6));
        folder = new PluginFolder(plugins, cache, host, Optional.of(quick), LIMIT);
        drop(plugins, "a-loops.jar", hostile("describes-forever", """
                public IndicatorDescriptor descriptor() {
                    while (System.nanoTime() != 0) { Thread.onSpinWait(); }
                    return describe();
                }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                """));

        folder.loadAll();

        assertThat(host.refusals().get("a-loops.jar")).singleElement().asString()
                .contains("descriptor()").contains("took longer than 6000 ms");
        neighbourStillMeasures();
        nothingLeftBehind(folder.runnerPids());
    }

    @Test
    void aCloseThatNeverReturnsDoesNotHoldUpUnloadingForMoreThanAFewSeconds() {
        drop(plugins, "close.jar", hostile("never-closes", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                public void close() {
                    while (true) {
                        try { Thread.sleep(1000); } catch (InterruptedException e) { }
                    }
                }
                """));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();
        measure("never-closes");

        long started = System.nanoTime();
        folder.unloadAll();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        nothingLeftBehind(pids);
    }

    @Test
    void aReadingAlteredAfterItsChecksIsRefusedByTheServer() {
        drop(plugins, "bypass.jar", hostile("bypasses", BYPASS));
        folder.loadAll();
        List<Long> pids = folder.runnerPids();

        assertThat(measure("bypasses")).allSatisfy(m -> assertThat(m.reading()).isEmpty());

        assertThat(plugin("bypasses").failure()).hasValueSatisfying(cause -> assertThat(cause)
                .contains("returned an invalid reading").contains("coverage must be within 0.0 and 1.0"));
        nothingLeftBehind(pids);
    }

    @Test
    void theRunnerSeesNoneOfTheServersSecrets() {
        drop(plugins, "snoop.jar", hostile("snoops", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    String seen = String.join(",", new TreeSet<>(System.getenv().keySet()));
                    return new IndicatorReading(50, List.of(new Component("R&D", "GB.XPD.RSDV.GD.ZS", 1, 50, 1)),
                            "env:" + seen + ".", 1.0, List.of());
                }
                """));
        folder.loadAll();

        String explanation = measure("snoops").get(0).reading().orElseThrow().explanation();

        assertThat(explanation).doesNotContain("BALLAST").doesNotContain("TOKEN").doesNotContain("PATH")
                .doesNotContain("HOME");
    }

    @Test
    void aRunnerThatDiedIsStartedAgainWhenItsPluginIsSwitchedBackOnAfterItsPause() throws IOException {
        Path trigger = dir.resolve("exit-now");
        drop(plugins, "flaky.jar", hostile("flaky", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) {
                    if (java.nio.file.Files.exists(java.nio.file.Path.of("exit-now"))) { System.exit(7); }
                    return fine();
                }
                """));
        folder.loadAll();
        Files.createFile(trigger);
        measure("flaky");
        assertThat(plugin("flaky").failure()).hasValueSatisfying(c -> assertThat(c).contains("exited with code 7"));
        assertThat(folder.runnerPids()).hasSize(1); // the good neighbour's
        Files.delete(trigger);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            host.enable("flaky");
            return measure("flaky").stream().allMatch(m -> m.reading().isPresent());
        });

        assertThat(plugin("flaky").state()).isEqualTo(PluginState.STARTED);
        assertThat(folder.runnerPids()).hasSize(2);
        nothingLeftBehind(folder.runnerPids());
    }

    /**
     * A reading whose coverage is set to 9.2e14 after its constructor checked it: {@code sun.misc.Unsafe} refuses
     * record fields, so the offset comes from a plain class laid out alike. The plugin makes sure the bypass worked.
     */
    static final String BYPASS = """
            static final class Mirror { double score; List<?> components; String explanation; double coverage;
                                        List<?> missing; }
            public IndicatorDescriptor descriptor() { return describe(); }
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = fine();
                try {
                    Class<?> type = Class.forName("sun.misc.Unsafe");
                    var field = type.getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    Object unsafe = field.get(null);
                    long offset = (Long) type.getMethod("objectFieldOffset", java.lang.reflect.Field.class)
                            .invoke(unsafe, Mirror.class.getDeclaredField("coverage"));
                    type.getMethod("putDouble", Object.class, long.class, double.class)
                            .invoke(unsafe, r, offset, 9.2e14);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (r.coverage() <= 1) {
                    throw new IllegalStateException("the bypass did not take: coverage " + r.coverage());
                }
                return r;
            }
            """;
}
