package io.ballast.server.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a runner JVM is started: from anywhere, with the server's classes, and none of the server's environment. */
class RunnerCommandTest {

    @TempDir
    Path dir;

    @Test
    void aRelativeClassPathIsMadeAbsoluteSoThatARunnerWorkingElsewhereFindsTheServersClasses() {
        String absolute = RunnerCommand.absolute("server/target/ballast-server.jar" + File.pathSeparator + "lib/a.jar");

        List<String> entries = List.of(absolute.split(File.pathSeparator));
        assertThat(entries).hasSize(2).allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
        assertThat(entries.get(0)).endsWith(Path.of("server", "target", "ballast-server.jar").toString());
    }

    @Test
    void theRunnersEnvironmentHoldsTheLocaleAndTimeZoneOnly() {
        ProcessBuilder builder = RunnerCommand.ofThisJvm(64, dir).builder(dir.resolve("plugin.jar"));

        assertThat(builder.environment().keySet()).isSubsetOf(RunnerCommand.KEPT_ENVIRONMENT);
        assertThat(builder.command()).contains("-Xmx64m", PluginRunner.class.getName())
                .last().isEqualTo(dir.resolve("plugin.jar").toAbsolutePath().toString());
        assertThat(builder.directory()).isEqualTo(dir.toFile());
        assertThat(List.of(builder.command().get(builder.command().indexOf("-cp") + 1).split(File.pathSeparator)))
                .allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
    }
}
