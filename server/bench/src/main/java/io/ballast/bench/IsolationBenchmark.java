package io.ballast.bench;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginFolder;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.RunnerCommand;
import io.ballast.server.score.RegionData;
import io.ballast.server.score.Scorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What running a third-party jar out of process costs: a full recompute (6 regions from 2000, the four built-ins in
 * process) with the example plugin ({@code docs/examples/research-intensity-plugin}) loaded from a plugins folder,
 * once in a runner JVM ({@code isolation=process}) and once in the server ({@code in-process}), in the same run.
 * Run from the repository root after {@code mvn package}; {@code -p jar=...} points at another build of the example.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IsolationBenchmark {

    @Param({"process", "in-process"})
    public String isolation;

    @Param("docs/examples/research-intensity-plugin/target/research-intensity-plugin-1.0.0.jar")
    public String jar;

    private Path dir;
    private Map<String, RegionData> data;
    private PluginHost host;
    private Measurer measurer;
    private PluginFolder folder;
    private Scorer scorer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
        data = BaselineData.byRegion();
        dir = Files.createTempDirectory("ballast-isolation-bench");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(Path.of(jar), plugins.resolve("research-intensity.jar"));
        host = new PluginHost(id -> true);
        host.discover(IsolationBenchmark.class.getClassLoader(), "classpath");
        Duration limit = Duration.ofSeconds(2);
        measurer = new Measurer(host, limit);
        Optional<RunnerCommand> runners = isolation.equals("process")
                ? Optional.of(RunnerCommand.ofThisJvm(128, dir)) : Optional.empty();
        folder = new PluginFolder(plugins, dir.resolve("plugin-cache"), host, runners, limit);
        folder.loadAll();
        if (host.get("research-intensity").isEmpty()) {
            throw new IllegalStateException("the example plugin did not load: " + host.refusals());
        }
        scorer = new Scorer(host, measurer, config, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        folder.unloadAll();
        measurer.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Rescoring everything, the example plugin included: 6 regions, every year from 2000. */
    @Benchmark
    public void fullRecomputeWithTheExamplePlugin(Blackhole hole) {
        data.forEach((region, regionData) -> hole.consume(scorer.score(region, regionData)));
    }

    /**
     * The same comparison alternating the two set-ups recompute by recompute in one JVM, so that a noisy neighbour
     * slows both alike: {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.IsolationBenchmark
     * [rounds] [jar]}. Prints the median and 90th percentile of each and the ratio of the medians.
     */
    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        IsolationBenchmark process = new IsolationBenchmark();
        IsolationBenchmark inProcess = new IsolationBenchmark();
        process.isolation = "process";
        inProcess.isolation = "in-process";
        process.jar = inProcess.jar = args.length > 1 ? args[1]
                : "docs/examples/research-intensity-plugin/target/research-intensity-plugin-1.0.0.jar";
        process.setUp();
        inProcess.setUp();
        try {
            long[] a = new long[rounds];
            long[] b = new long[rounds];
            for (int warm = 0; warm < 50; warm++) {
                process.recompute();
                inProcess.recompute();
            }
            for (int i = 0; i < rounds; i++) {
                a[i] = process.recompute();
                b[i] = inProcess.recompute();
            }
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            System.out.printf(java.util.Locale.ROOT, "full recompute, 6 regions from 2000, %d rounds alternating:%n",
                    rounds);
            System.out.printf(java.util.Locale.ROOT, "  example plugin in a runner: median %.2f ms, p90 %.2f ms%n",
                    a[rounds / 2] / 1e6, a[rounds * 9 / 10] / 1e6);
            System.out.printf(java.util.Locale.ROOT, "  example plugin in process:  median %.2f ms, p90 %.2f ms%n",
                    b[rounds / 2] / 1e6, b[rounds * 9 / 10] / 1e6);
            System.out.printf(java.util.Locale.ROOT, "  ratio of medians: %.2f%n", (double) a[rounds / 2]
                    / b[rounds / 2]);
        } finally {
            process.tearDown();
            inProcess.tearDown();
        }
        System.exit(0);
    }

    private long recompute() {
        long started = System.nanoTime();
        data.forEach((region, regionData) -> {
            if (scorer.score(region, regionData).isEmpty()) {
                throw new IllegalStateException("no years scored for " + region);
            }
        });
        return System.nanoTime() - started;
    }
}
