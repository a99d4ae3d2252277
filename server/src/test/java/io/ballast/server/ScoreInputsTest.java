package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text a score snapshot is kept under: the same for the same inputs, different when any of them changed. */
class ScoreInputsTest {

    @TempDir
    Path dir;

    private final PluginHost host = new PluginHost(id -> true);

    ScoreInputsTest() {
        host.discover(ScoreInputsTest.class.getClassLoader(), "classpath");
    }

    @Test
    void theSameConfigurationWrittenInAnotherOrderIsTheSameInput() throws Exception {
        String forward = ScoreInputs.config(load("indicators:\n  export-control-exposure: {weight: 1}\n"
                + "  labor-conditions: {weight: 2, settings: {a: 1, b: 2}}\n"));
        String backward = ScoreInputs.config(load("indicators:\n"
                + "  labor-conditions: {settings: {b: 2, a: 1}, weight: 2}\n"
                + "  export-control-exposure: {weight: 1}\n"));
        assertThat(backward).isEqualTo(forward);
        assertThat(inputs(forward, host.all(), "db")).isEqualTo(inputs(backward, host.all(), "db"));
    }

    @Test
    void aChangedWeightSettingRegionOrRuleIsAnotherInput() throws Exception {
        String base = ScoreInputs.config(load("indicators:\n  labor-conditions: {weight: 2}\n"));
        assertThat(ScoreInputs.config(load("indicators:\n  labor-conditions: {weight: 3}\n"))).isNotEqualTo(base);
        assertThat(ScoreInputs.config(load("indicators:\n  labor-conditions: {weight: 2, settings: {x: 1}}\n")))
                .isNotEqualTo(base);
        assertThat(ScoreInputs.config(load("indicators:\n  labor-conditions: {weight: 2}\n"
                + "scoring:\n  from-year: 2001\n"))).isNotEqualTo(base);
        assertThat(ScoreInputs.config(load("indicators:\n  labor-conditions: {weight: 2}\nregions:\n"
                + "  - {code: CHN, name: China}\n"))).isNotEqualTo(base);
    }

    @Test
    void aPluginThatFailedOrChangedVersionIsAnotherInput() {
        List<LoadedPlugin> plugins = host.all();
        assertThat(plugins).isNotEmpty();
        String base = inputs("config", plugins, "db");
        var failed = new java.util.ArrayList<>(plugins);
        failed.set(0, plugins.get(0).with(PluginState.FAILED, Optional.of("threw")));
        assertThat(inputs("config", failed, "db")).isNotEqualTo(base);
        assertThat(inputs("config", plugins.subList(1, plugins.size()), "db")).isNotEqualTo(base);
        assertThat(inputs("config", plugins, "db2")).isNotEqualTo(base);
        assertThat(inputs("config2", plugins, "db")).isNotEqualTo(base);
    }

    @Test
    void theDatabaseFileIsItsSizeAndTimeAndAWriteChangesIt() throws Exception {
        assertThat(ScoreInputs.database(dir)).as("a new database").isEmpty();
        Path file = Files.writeString(dir.resolve(ScoreInputs.DATABASE_FILE), "h2");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String before = ScoreInputs.database(dir).orElseThrow();
        assertThat(ScoreInputs.database(dir)).contains(before);
        Files.writeString(file, "h3");
        assertThat(ScoreInputs.database(dir)).as("same size, written since").isNotEqualTo(Optional.of(before));
    }

    private String inputs(String config, List<LoadedPlugin> plugins, String database) {
        return ScoreInputs.of(config, plugins, dir.resolve("plugins"), database);
    }

    private BallastConfig load(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "ballast", ".yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader().load(Optional.of(file), Map.of());
    }
}
