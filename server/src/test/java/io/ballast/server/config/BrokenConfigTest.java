package io.ballast.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thirty-odd ways to break a configuration, each refused with one message that names where the bad value came from
 * (the file or the variable), the key, and how to fix it (what the key must be, or the key that was meant).
 */
class BrokenConfigTest {

    @TempDir
    static Path dir;

    /**
     * One broken configuration: a file's YAML (or how to make the file unreadable), environment overrides, and the
     * texts the message must hold. {@code key} is null for a file that cannot be read at all.
     */
    record Broken(String name, String yaml, Map<String, String> env, String source, String key, String fix) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String FILE = "the config file";

    private static Broken file(String name, String yaml, String key, String fix) {
        return new Broken(name, yaml, Map.of(), FILE, key, fix);
    }

    private static Broken env(String name, String variable, String value, String key, String fix) {
        return new Broken(name, null, Map.of(variable, value), "environment variable " + variable, key, fix);
    }

    static Stream<Broken> broken() {
        return Stream.of(
                // unknown keys, with the nearest known one
                file("misspelt key", "server:\n  prot: 9090\n", "server.prot", "did you mean 'server.port'?"),
                file("misspelt section", "sever:\n  port: 9090\n", "sever", "did you mean 'server'?"),
                file("misspelt indicator key", "indicators:\n  labor-conditions:\n    wieght: 2\n",
                        "indicators.labor-conditions.wieght", "did you mean 'indicators.labor-conditions.weight'?"),
                file("misspelt alert rule key", "alerts:\n  rules:\n    - {name: low, indicator: composite, "
                        + "bellow: 30}\n", "alerts.rules[0].bellow", "did you mean 'alerts.rules[0].below'?"),
                file("misspelt nested key", "scoring:\n  divergence:\n    windw: 3\n", "scoring.divergence.windw",
                        "did you mean 'scoring.divergence.window'?"),
                file("unknown key far from any", "connectors:\n  worldbank:\n    frequency-of-runs: 1\n",
                        "connectors.worldbank.frequency-of-runs", "known keys here: [backoff-ms, base-url"),
                // the uncertainty analysis's ranges
                file("samples not a power of two", "uncertainty:\n  samples: 1000\n", "uncertainty.samples",
                        "a power of two from 2 to 65536 (the Sobol design needs one), such as 4096, not 1000"),
                file("goalposts moved by half their range", "uncertainty:\n  goalposts: 0.5\n",
                        "uncertainty.goalposts", "from 0 to 0.49"),
                file("an aggregation that is not one", "uncertainty:\n  aggregations: [geometric, harmonic]\n",
                        "uncertainty.aggregations", "'harmonic' is neither"),
                env("a carry-forward that is not a number of years", "BALLAST_UNCERTAINTY_CARRY_FORWARD_YEARS",
                        "0,two", "uncertainty.carry-forward-years", "'two' is not one"),
                file("no aggregation at all", "uncertainty:\n  aggregations: []\n", "uncertainty.aggregations",
                        "one or both of geometric and arithmetic"),
                // wrong types
                file("text for a number", "server:\n  port: eighty\n", "server.port",
                        "a whole number from 0 to 65535, not 'eighty'"),
                file("fraction for a whole number", "scoring:\n  from-year: 2000.5\n", "scoring.from-year",
                        "a whole number from 1900 to 2100, not '2000.5'"),
                file("text for a switch", "data:\n  baseline: maybe\n", "data.baseline", "true or false, not 'maybe'"),
                file("number for a switch", "security:\n  protect-reads: 1\n", "security.protect-reads",
                        "true or false, not '1'"),
                file("unknown method", "scoring:\n  method: median\n", "scoring.method",
                        "geometric or arithmetic, not 'median'"),
                file("unknown log format", "logging:\n  format: xml\n", "logging.format", "text or json, not 'xml'"),
                file("number for a text", "server:\n  host: 127\n", "server.host", "a text, not '127'"),
                file("text for a list", "regions: CHN\n", "regions", "a list, not 'CHN'"),
                file("number for a section", "server: 8080\n", "server",
                        "a mapping with the keys host, port, instances"),
                // out of range, or not a valid value
                file("port out of range", "server:\n  port: 70000\n", "server.port",
                        "a whole number from 0 to 65535, not '70000'"),
                file("negative weight", "indicators:\n  labor-conditions:\n    weight: -1\n",
                        "indicators.labor-conditions.weight", "a number from 0 to 1000, not '-1'"),
                file("coverage above one", "scoring:\n  min-coverage: 1.5\n", "scoring.min-coverage",
                        "a number from 0 to 1, not '1.5'"),
                file("carried too long", "scoring:\n  missing:\n    carry-forward-years: 11\n",
                        "scoring.missing.carry-forward-years", "a whole number from 0 to 10, not '11'"),
                file("negative replay", "stream:\n  replay: -1\n", "stream.replay",
                        "a whole number from 0 to 10000, not '-1'"),
                file("lower-case region", "regions:\n  - {code: chn, name: China}\n", "regions[0].code",
                        "three upper-case letters (ISO 3166-1 alpha-3, such as CHN)"),
                file("region twice", "regions:\n  - {code: CHN, name: China}\n  - {code: CHN, name: Again}\n",
                        "regions", "each code once, but CHN appears twice"),
                file("misspelt region key", "regions:\n  - {code: CHN, nmae: China}\n", "regions[0].nmae",
                        "did you mean 'regions[0].name'?"),
                file("short token hash", "security:\n  tokens:\n    - {name: feed, sha256: abc, roles: [ingest]}\n",
                        "security.tokens[0].sha256", "64 hex digits"),
                file("webhook not http", "alerts:\n  webhook:\n    url: ftp://hooks.example.org/x\n",
                        "alerts.webhook.url", "an http or https URL"),
                file("indicator id with capitals", "indicators:\n  Labor_Conditions:\n    weight: 1\n",
                        "indicators.Labor_Conditions", "an indicator id of lower-case letters, digits and dashes"),
                file("alert rule that never fires", "alerts:\n  rules:\n    - {name: idle, indicator: composite}\n",
                        "alerts.rules[0]", "says when it fires: below, drop or divergence"),
                // several nodes: the shared database and the cluster
                file("database url of another kind", "database:\n  url: mysql://db/ballast\n", "database.url",
                        "a JDBC URL such as jdbc:postgresql://"),
                file("password twice", "database:\n  url: jdbc:postgresql://db/ballast\n  password: x\n"
                        + "  password-file: /etc/hostname\n", "database.password-file", "one source for the password"),
                file("unreadable password file", "database:\n  url: jdbc:postgresql://db/ballast\n"
                        + "  password-file: /no/such/secret\n", "database.password-file",
                        "/no/such/secret cannot be read"),
                file("credentials for the embedded file", "database:\n  user: ballast\n", "database.user",
                        "set database.url to use a database server"),
                file("pool of none", "database:\n  pool-size: 0\n", "database.pool-size", "from 1 to 500"),
                file("cluster on the embedded file", "cluster:\n  enabled: true\n", "cluster.enabled",
                        "the nodes of a cluster share one database server"),
                env("cluster member without a port", "BALLAST_CLUSTER_MEMBERS", "10.0.0.5:5701,10.0.0.6",
                        "cluster.members", "'10.0.0.6' is not one"),
                // bad environment overrides
                env("port out of range from the environment", "BALLAST_SERVER_PORT", "99999", "server.port",
                        "a whole number from 0 to 65535, not '99999'"),
                env("unknown method from the environment", "BALLAST_SCORING_METHOD", "median", "scoring.method",
                        "geometric or arithmetic, not 'median'"),
                env("unconfigured region from the environment", "BALLAST_CONNECTORS_WORLDBANK_REGIONS", "CHN,BRA",
                        "connectors.worldbank.regions", "BRA is not in 'regions'"),
                env("invalid YAML from the environment", "BALLAST_REGIONS", "[{code: CHN, name: China",
                        "regions", "must be a YAML value"),
                env("text for a number from the environment", "BALLAST_SCORING_MISSING_MIN_INPUT_COVERAGE", "lots",
                        "scoring.missing.min-input-coverage", "a number from 0 to 1, not 'lots'"),
                // files that cannot be read as a configuration at all
                new Broken("missing file", "<missing>", Map.of(), FILE, null,
                        "does not exist; point --config or BALLAST_CONFIG at a YAML file that does"),
                new Broken("a directory", "<directory>", Map.of(), FILE, null, "it is a directory; name a YAML file"),
                new Broken("not UTF-8", "<latin-1>", Map.of(), FILE, null, "not UTF-8 text; save it as UTF-8"),
                file("invalid YAML", "server:\n  port: [1, 2\n", null, "is not valid YAML"),
                file("a key given twice", "server:\n  port: 1\n  port: 2\n", null, "Duplicate field 'port'"),
                file("a list at the top", "- server\n- regions\n", null, "the top level must be a mapping of keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isRefusedNamingTheSourceTheKeyAndTheFix(Broken broken) throws IOException {
        Path file = write(broken);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader().load(Optional.of(file), broken.env()));
        assertThat(e).as("refused").isNotNull();
        String source = broken.source().equals(FILE) ? "config file " + file : broken.source();
        assertThat(e.getMessage()).as("names where the value came from").contains(source);
        if (broken.key() != null) {
            assertThat(e.getMessage()).as("names the key").contains("key '" + broken.key() + "'");
        }
        assertThat(e.getMessage()).as("says how to fix it").contains(broken.fix());
    }

    private static Path write(Broken broken) throws IOException {
        Path file = dir.resolve(broken.name().replace(' ', '-') + ".yaml");
        switch (broken.yaml() == null ? "<empty>" : broken.yaml()) {
            case "<missing>" -> Files.deleteIfExists(file);
            case "<directory>" -> Files.createDirectories(file);
            case "<latin-1>" -> Files.write(file, "regions:\n  - {code: DEU, name: K\u00f6ln}\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            case "<empty>" -> Files.writeString(file, "");
            default -> Files.writeString(file, broken.yaml());
        }
        return file;
    }
}
