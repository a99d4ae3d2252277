package io.ballast.bench;

import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark in one run, each against its baseline (docs/performance.md): the JMH microbenchmarks, then
 * {@link EndToEnd} (start-up, first paint, reads, ingest) and {@link FanOut} (SSE delivery and memory per stream),
 * each in a JVM of its own. About 15 minutes on two cores.
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.Benchmarks [server.jar]}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args.length > 0 ? args[0] : "server/target/ballast-server.jar";
        System.out.println("== microbenchmarks (JMH: 2 forks, 5 × 1 s warm-up, 8 × 1 s measurement)");
        new Runner(new OptionsBuilder().include("io\\.ballast\\.bench\\..*Benchmark").forks(2)
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(8).measurementTime(TimeValue.seconds(1)).build()).run();
        run(EndToEnd.class, jar);
        run(FanOut.class, jar);
    }

    private static void run(Class<?> main, String jar) throws Exception {
        String classpath = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, main.getName(), jar)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed with exit code " + p.exitValue());
        }
    }
}
