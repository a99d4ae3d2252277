package io.ballast.server.config;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the config loader: any file text, with any value in one environment variable, loads or
 * is refused with a {@link ConfigException} naming what is wrong, never anything else (a start that fails with a stack
 * trace, or a reload that stops the watcher).
 */
class ConfigFuzzTest {

    private static final Path FILE = Path.of("fuzzed.yaml");
    private static final String[] VARIABLES = {"BALLAST_SERVER_PORT", "BALLAST_REGIONS", "BALLAST_ADMIN_TOKEN",
            "BALLAST_INDICATORS_FOREIGN_INVESTMENT_SETTINGS_FDI_UPPER", "BALLAST_SECURITY_TOKENS",
            "BALLAST_ALERTS_RULES", "BALLAST_UNCERTAINTY_AGGREGATIONS", "BALLAST_DATA_DIR"};

    @FuzzTest(maxDuration = "2m")
    void configFiles(FuzzedDataProvider data) {
        String variable = data.pickValue(VARIABLES);
        String value = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        try {
            new ConfigLoader().load(FILE, text, Map.of(variable, value));
        } catch (ConfigException expected) {
            // refused with a message naming the key
        }
    }
}
