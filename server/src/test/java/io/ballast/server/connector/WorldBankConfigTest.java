package io.ballast.server.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigException;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.config.Connectors;
import io.ballast.server.config.Startup;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The connector's and the inbox's configuration: safe defaults, environment overrides, errors that say what to fix. */
class WorldBankConfigTest {

    private static BallastConfig load(Map<String, String> env) {
        return new ConfigLoader().load(Optional.empty(), env);
    }

    @Test
    void theDefaultsAreOfflineSafe() {
        BallastConfig config = load(Map.of("BALLAST_DATA_DIR", "/var/lib/ballast"));
        Connectors.WorldBank wb = config.connectors().worldBank();
        assertThat(wb.enabled()).isFalse();
        assertThat(wb.baseUrl()).isEqualTo("https://api.worldbank.org");
        assertThat(wb.indicators()).isEmpty();
        assertThat(wb.regions()).isEmpty();
        assertThat(wb.intervalSeconds()).isEqualTo(86_400);
        assertThat(wb.perPage()).isEqualTo(1000);
        assertThat(wb.retries()).isEqualTo(3);
        assertThat(config.ingest().inbox()).isEqualTo(Path.of("/var/lib/ballast/inbox"));
        assertThat(config.ingest().inboxScanMs()).isEqualTo(2000);
    }

    @Test
    void theEnvironmentTurnsItOnWithListsAsCommaSeparatedText() {
        Connectors.WorldBank wb = load(Map.of(
                "BALLAST_CONNECTORS_WORLDBANK_ENABLED", "true",
                "BALLAST_CONNECTORS_WORLDBANK_BASE_URL", "http://127.0.0.1:8089/",
                "BALLAST_CONNECTORS_WORLDBANK_INDICATORS", "NE.TRD.GNFS.ZS, SL.UEM.TOTL.ZS",
                "BALLAST_CONNECTORS_WORLDBANK_REGIONS", "[CHN, USA]",
                "BALLAST_CONNECTORS_WORLDBANK_TIMEOUT_MS", "2500")).connectors().worldBank();
        assertThat(wb.enabled()).isTrue();
        assertThat(wb.baseUrl()).isEqualTo("http://127.0.0.1:8089");
        assertThat(wb.indicators()).containsExactly("NE.TRD.GNFS.ZS", "SL.UEM.TOTL.ZS");
        assertThat(wb.regions()).containsExactly("CHN", "USA");
        assertThat(wb.timeoutMs()).isEqualTo(2500);
    }

    @Test
    void badValuesNameTheKeyAndWhatItMustBe() {
        assertThatThrownBy(() -> load(Map.of("BALLAST_CONNECTORS_WORLDBANK_BASE_URL", "api.worldbank.org")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'connectors.worldbank.base-url' must be an http or https URL");
        assertThatThrownBy(() -> load(Map.of("BALLAST_CONNECTORS_WORLDBANK_REGIONS", "CHN,BRA")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable BALLAST_CONNECTORS_WORLDBANK_REGIONS")
                .hasMessageContaining("BRA is not in 'regions'");
        assertThatThrownBy(() -> load(Map.of("BALLAST_CONNECTORS_WORLDBANK_INDICATORS", "NE.TRD.GNFS.ZS,trade %")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'trade %' is not one");
        assertThatThrownBy(() -> load(Map.of("BALLAST_CONNECTORS_WORLDBANK_PER_PAGE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key 'connectors.worldbank.per-page' must be a whole number from 1 to 20000");
    }
}
