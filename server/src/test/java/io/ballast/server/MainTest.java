package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The real process refuses to start on a bad config, with exit code 2 and a message naming the file and the key. */
class MainTest {

    @TempDir
    Path dir;

    record Run(int exit, String stderr) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().put("BALLAST_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        assertThat(done).as("the process ends by itself").isTrue();
        return new Run(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "misspelt key      | server:\\n  prot: 9090\\n                              | server.prot    | did you mean 'server.port'",
            "wrong type        | server:\\n  port: high\\n                             | server.port    | whole number",
            "negative weight   | indicators:\\n  labor-conditions:\\n    weight: -1\\n | indicators.labor-conditions.weight | from 0",
    })
    void anInvalidConfigFileStopsStartUpNamingTheFileAndTheKey(String name, String yaml, String key, String what)
            throws Exception {
        Path file = dir.resolve("ballast.yaml");
        Files.writeString(file, yaml.strip().replace("\\n", "\n") + "\n");
        Run run = run("--config", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains(file.toString()).contains(key).contains(what).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "missing file")
    @CsvSource("nope.yaml")
    void aMissingConfigFileStopsStartUpNamingIt(String name) throws Exception {
        Run run = run("--config", dir.resolve(name).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains(dir.resolve(name).toString()).contains("does not exist");
    }
}
