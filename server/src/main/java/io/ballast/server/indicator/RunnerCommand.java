package io.ballast.server.indicator;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How to start a plugin runner JVM: this JVM's {@code java}, this JVM's class path (the server jar when packaged,
 * the build's classes in tests), a heap limit, a working directory, how long it may take to start, and an
 * environment holding nothing of the server's: no {@code BALLAST_*} token, no credentials, only the time zone and
 * locale.
 */
public record RunnerCommand(Path java, String classPath, int heapMb, Path workDir, Duration startLimit) {

    /** Environment variables a runner keeps; everything else the server was started with is left out. */
    static final List<String> KEPT_ENVIRONMENT = List.of("TZ", "LANG", "LC_ALL");

    /** A runner like this JVM, with {@code heapMb} MiB of heap, working in {@code workDir}. */
    public static RunnerCommand ofThisJvm(int heapMb, Path workDir) {
        return new RunnerCommand(Path.of(System.getProperty("java.home"), "bin", "java"),
                absolute(System.getProperty("java.class.path")), heapMb, workDir, DEFAULT_START_LIMIT);
    }

    /**
     * The class path with every entry made absolute: the server is often started as {@code java -jar
     * server/target/ballast-server.jar}, and a runner works in another directory.
     */
    static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** How long a runner may take to start and describe its indicators, by default. */
    public static final Duration DEFAULT_START_LIMIT = Duration.ofSeconds(20);

    /** This command with another start limit. */
    public RunnerCommand withStartLimit(Duration limit) {
        return new RunnerCommand(java, classPath, heapMb, workDir, limit);
    }

    /** The process builder for a runner of {@code jar}: its environment scrubbed, its stdin/stdout the protocol. */
    ProcessBuilder builder(Path jar) {
        List<String> args = new ArrayList<>(List.of(java.toString(),
                "-Xmx" + heapMb + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+DisplayVMOutputToStderr", // the JVM's own messages (an out-of-memory) never reach the protocol
                "-XX:+UseSerialGC",
                "-XX:ActiveProcessorCount=1",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Djava.awt.headless=true",
                "-cp", classPath,
                PluginRunner.class.getName(),
                jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(args).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> kept = new java.util.HashMap<>();
        for (String name : KEPT_ENVIRONMENT) {
            String value = env.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        env.clear();
        env.putAll(kept);
        return builder;
    }
}
