package io.ballast.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration's two halves, the keys methodology v2 reads, and parameter names that hold dots. */
class ReloadableConfigTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "ballast", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aParameterNameWithDotsIsOneNameInTheFileAndInTheEnvironment() throws IOException {
        Path file = write("indicators:\n  foreign-investment:\n    settings: {fdi.upper: 6, fdi.lower: -1}\n");
        assertThat(loader.load(Optional.of(file), Map.of()).settingsOf("foreign-investment"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("fdi.upper", 6.0, "fdi.lower", -1.0));
        assertThat(loader.load(Optional.of(file), Map.of("BALLAST_INDICATORS_FOREIGN_INVESTMENT_SETTINGS_FDI_UPPER",
                "7.5")).settingsOf("foreign-investment")).containsEntry("fdi.upper", 7.5);
    }

    @Test
    void theScoringKeysOfMethodologyTwoHaveTheirDefaultsAndTakeAListFromTheEnvironment() {
        BallastConfig.Scoring scoring = loader.load(Optional.empty(), Map.of()).scoring();
        assertThat(scoring.minCoverage()).isEqualTo(0.7);
        assertThat(scoring.missing().carryForwardYears()).isEqualTo(2);
        assertThat(scoring.missing().minInputCoverage()).isEqualTo(0.7);
        assertThat(scoring.divergence().capacityInputs()).containsExactly("manufacturing", "patents");
        assertThat(loader.load(Optional.empty(), Map.of("BALLAST_SCORING_DIVERGENCE_CAPACITY_INPUTS",
                "patents, research")).scoring().divergence().capacityInputs()).containsExactly("patents", "research");
        assertThat(loader.load(Optional.empty(), Map.of("BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0"))
                .scoring().missing().carryForwardYears()).isZero();
    }

    @Test
    void theUncertaintyRangesHaveTheirDocumentedDefaultsAndTakeListsFromTheEnvironment() {
        Uncertainty u = loader.load(Optional.empty(), Map.of()).uncertainty();
        assertThat(u.enabled()).isTrue();
        assertThat(u.samples()).isEqualTo(4096);
        assertThat(u.scenarioSamples()).isEqualTo(512);
        assertThat(List.of(u.indicatorWeights(), u.inputWeights(), u.goalposts())).containsExactly(0.5, 0.5, 0.2);
        assertThat(u.aggregations()).containsExactly(BallastConfig.CompositeMethod.GEOMETRIC,
                BallastConfig.CompositeMethod.ARITHMETIC);
        assertThat(u.carryForwardYears()).containsExactly(0, 1, 2);
        Uncertainty fromEnv = loader.load(Optional.empty(), Map.of(
                "BALLAST_UNCERTAINTY_AGGREGATIONS", "arithmetic",
                "BALLAST_UNCERTAINTY_CARRY_FORWARD_YEARS", "1, 3",
                "BALLAST_UNCERTAINTY_SCENARIO_SAMPLES", "64",
                "BALLAST_UNCERTAINTY_ENABLED", "false")).uncertainty();
        assertThat(fromEnv.aggregations()).containsExactly(BallastConfig.CompositeMethod.ARITHMETIC);
        assertThat(fromEnv.carryForwardYears()).containsExactly(1, 3);
        assertThat(fromEnv.scenarioSamples()).isEqualTo(64);
        assertThat(fromEnv.enabled()).isFalse();
    }

    @Test
    void theDatabaseAndClusterSectionsDefaultToOneNodeOnTheEmbeddedFileAndTakeTheirKeysFromTheEnvironment()
            throws IOException {
        BallastConfig plain = loader.load(Optional.empty(), Map.of());
        assertThat(plain.database().embedded()).isTrue();
        assertThat(plain.database().poolSize()).isEqualTo(10);
        assertThat(plain.cluster().enabled()).isFalse();
        assertThat(plain.cluster().contacts()).containsExactly("127.0.0.1:5701");
        Path secret = write("s3cret-from-a-file\nignored\n");
        BallastConfig several = loader.load(Optional.empty(), Map.of(
                "BALLAST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/ballast",
                "BALLAST_DATABASE_USER", "ballast",
                "BALLAST_DATABASE_PASSWORD_FILE", secret.toString(),
                "BALLAST_CLUSTER_ENABLED", "true",
                "BALLAST_CLUSTER_MEMBERS", "10.0.0.5:5701, 10.0.0.6:5702"));
        assertThat(several.database().postgres()).isTrue();
        assertThat(several.database().secret()).contains("s3cret-from-a-file");
        assertThat(several.cluster().contacts()).containsExactly("10.0.0.5:5701", "10.0.0.6:5702");
        BallastConfig withPassword = loader.load(Optional.empty(), Map.of(
                "BALLAST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/ballast",
                "BALLAST_DATABASE_PASSWORD", "hunter2-hunter2"));
        assertThat(withPassword.database().secret()).contains("hunter2-hunter2");
        assertThat(withPassword.startup().toString()).as("a logged config never shows the password")
                .doesNotContain("hunter2");
    }

    @Test
    void aKeyLeftWithoutAValueKeepsItsDefault() throws IOException {
        BallastConfig config = loader.load(Optional.of(write("server:\n  tls-cert:\n  port:\nregions:\n")), Map.of());
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().tls()).isEmpty();
        assertThat(config.regions()).hasSize(6);
    }

    @Test
    void aReloadSwapsTheReloadableHalfAndNamesTheStartUpSectionsThatWaitForARestart() throws IOException {
        BallastConfig running = loader.load(Optional.of(write("server:\n  port: 0\n")), Map.of());
        LiveConfig live = new LiveConfig(running);
        BallastConfig edited = loader.load(Optional.of(write("""
                server:
                  port: 9999
                security:
                  writes-per-minute: 5
                indicators:
                  labor-conditions:
                    weight: 3
                regions:
                  - {code: CHN, name: China}
                """)), Map.of());

        assertThat(live.reload(edited)).containsExactly("server", "security");
        assertThat(live.get().startup()).isSameAs(running.startup());
        assertThat(live.get().reloadable()).isSameAs(edited.reloadable());
        assertThat(live.get().server().port()).isZero();
        assertThat(live.get().weightOf("labor-conditions")).isEqualTo(3.0);
        assertThat(live.get().regions()).extracting(BallastConfig.Region::code).isEqualTo(List.of("CHN"));
        assertThat(live.reload(edited)).as("the same start-up half again").containsExactly("server", "security");
        assertThat(new LiveConfig(running).reload(running)).isEmpty();
    }
}
