package io.ballast.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theDefaultsDescribeChinaAndFourComparatorsOnPort8080() {
        BallastConfig config = loader.load(Optional.empty(), Map.of());
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.data().dir()).isEqualTo(Path.of("data"));
        assertThat(config.regions()).extracting(BallastConfig.Region::code)
                .containsExactly("CHN", "USA", "DEU", "JPN", "KOR", "IND");
        assertThat(config.scoring().method()).isEqualTo(BallastConfig.CompositeMethod.GEOMETRIC);
        assertThat(config.weightOf("labor-conditions")).isEqualTo(1.0);
        assertThat(config.security().adminToken()).isEmpty();
    }

    @Test
    void aFileOverridesTheDefaultsKeyByKey() throws IOException {
        Path file = write("server:\n  port: 9090\nindicators:\n  labor-conditions:\n    weight: 2.5\n");
        BallastConfig config = loader.load(Optional.of(file), Map.of());
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.weightOf("labor-conditions")).isEqualTo(2.5);
        assertThat(config.weightOf("foreign-investment")).isEqualTo(1.0);
    }

    @Test
    void environmentVariablesOverrideEveryLayer() throws IOException {
        Path file = write("server:\n  port: 9090\n");
        BallastConfig config = loader.load(Optional.of(file), Map.of(
                "BALLAST_SERVER_PORT", "7070",
                "BALLAST_DATA_DIR", "/var/lib/ballast",
                "BALLAST_INDICATORS_FOREIGN_INVESTMENT_WEIGHT", "0.5",
                "BALLAST_SCORING_METHOD", "arithmetic"));
        assertThat(config.server().port()).isEqualTo(7070);
        assertThat(config.data().dir()).isEqualTo(Path.of("/var/lib/ballast"));
        assertThat(config.weightOf("foreign-investment")).isEqualTo(0.5);
        assertThat(config.scoring().method()).isEqualTo(BallastConfig.CompositeMethod.ARITHMETIC);
    }

    @Test
    void anAdminTokenOfDigitsStaysTextWhetherGivenShortOrLong() {
        assertThat(loader.load(Optional.empty(), Map.of("BALLAST_ADMIN_TOKEN", "000123456789012345"))
                .security().adminToken()).contains("000123456789012345");
        assertThat(loader.load(Optional.empty(), Map.of("BALLAST_SECURITY_ADMIN_TOKEN", "abc:def:0123456789"))
                .security().adminToken()).contains("abc:def:0123456789");
    }

    @Test
    void aMisspeltKeyIsNamedWithTheNearestValidKey() throws IOException {
        Path file = write("server:\n  prot: 9090\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("server.prot")
                .hasMessageContaining("did you mean 'server.port'");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFileTheKeyAndTheExpectedForm() throws IOException {
        Path file = write("server:\n  port: eighty\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("server.port")
                .hasMessageContaining("whole number from 0 to 65535");
    }

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("BALLAST_SERVER_PORT", "99999")))
                .hasMessageContaining("environment variable BALLAST_SERVER_PORT")
                .hasMessageContaining("server.port");
    }

    @Test
    void aNegativeWeightIsRefused() throws IOException {
        Path file = write("indicators:\n  labor-conditions:\n    weight: -1\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .hasMessageContaining("indicators.labor-conditions.weight")
                .hasMessageContaining("from 0 to 1000");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(Optional.of(missing), Map.of()))
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void invalidYamlSaysWhere() throws IOException {
        Path file = write("server:\n  port: [1, 2\n");
        assertThatThrownBy(() -> loader.load(Optional.of(file), Map.of()))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void regionsMustBeIso3CodesEachGivenOnce() throws IOException {
        Path lower = write("regions:\n  - code: chn\n    name: China\n");
        assertThatThrownBy(() -> loader.load(Optional.of(lower), Map.of()))
                .hasMessageContaining("regions").hasMessageContaining("three upper-case letters");
        Path twice = write("regions:\n  - {code: CHN, name: China}\n  - {code: CHN, name: Again}\n");
        assertThatThrownBy(() -> loader.load(Optional.of(twice), Map.of()))
                .hasMessageContaining("appears twice");
    }

    @Test
    void environmentNamesFollowTheKeyPath() {
        assertThat(ConfigLoader.envName("server.port")).isEqualTo("BALLAST_SERVER_PORT");
        assertThat(ConfigLoader.envName("data.dir")).isEqualTo("BALLAST_DATA_DIR");
        assertThat(ConfigLoader.envName("scoring.min-coverage")).isEqualTo("BALLAST_SCORING_MIN_COVERAGE");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "ballast", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
