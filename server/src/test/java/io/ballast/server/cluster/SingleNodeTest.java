package io.ballast.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code cluster.enabled} false, a node needs nothing of Hazelcast: it starts, serves and stops with the
 * Hazelcast jars taken off its class path and loads no class of the cluster package. (The executable jar leaves out
 * vertx-hazelcast's service file, through which Vert.x would load the cluster manager on every start.)
 */
class SingleNodeTest {

    @TempDir
    Path dir;

    @Test
    void aSingleNodeStartsWithoutTheHazelcastJarsAndLoadsNothingOfTheCluster() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(jar -> !jar.contains("hazelcast")).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "io.ballast.server.Main", "check");
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().put("BALLAST_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("BALLAST_SERVER_PORT", "0");
        pb.environment().put("BALLAST_SERVER_HOST", "127.0.0.1");
        Path out = dir.resolve("out.txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("check ends by itself").isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                .isZero();
        assertThat(lines).as("classes loaded").anyMatch(l -> l.contains("io.ballast.server.Platform "))
                .noneMatch(l -> l.contains("com.hazelcast.") || l.contains("io.vertx.spi.cluster.")
                        || l.contains("io.ballast.server.cluster."));
    }
}
