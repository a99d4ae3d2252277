package io.ballast.server.indicator;

import static io.ballast.server.indicator.PluginJars.drop;
import static io.ballast.server.indicator.PluginJars.hostile;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.IndicatorContext;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import io.ballast.testkit.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context a plugin sees in a runner behaves as it does in process: region, period, values of other years,
 * settings, the missing-data rule, the events and a fixed clock; and what the plugin says about missing data arrives
 * whole.
 */
class RunnerContextTest {

    static final String ECHO = """
            public IndicatorDescriptor descriptor() {
                return new IndicatorDescriptor("echoes", "Echoes", "Says what it sees.", "1.0.0",
                        List.of("GB.XPD.RSDV.GD.ZS"), List.of(new Parameter("factor", 1, "a factor")));
            }
            public IndicatorReading measure(IndicatorContext c) {
                if (c.period() == 2019) {
                    throw new MissingDataException(List.of("GB.XPD.RSDV.GD.ZS"), "nothing in 2019",
                            List.of("rnd"), 0.25);
                }
                String seen = c.region() + "|" + c.period() + "|" + c.value("GB.XPD.RSDV.GD.ZS", c.period() - 1)
                        + "|" + c.value("OTHER", c.period()) + "|" + c.setting("factor") + "|" + c.missingData()
                        + "|" + c.events() + "|" + c.clock().instant() + "|" + c.clock().getZone();
                return new IndicatorReading(50, List.of(new Component("R&D", "GB.XPD.RSDV.GD.ZS", 1, 50, 1)),
                        seen, 1.0, List.of());
            }
            """;

    @TempDir
    Path dir;

    private List<Measurement> measure(Optional<RunnerCommand> runners, String name) {
        PluginHost host = new PluginHost(id -> true);
        Path plugins = dir.resolve(name);
        PluginFolder folder = new PluginFolder(plugins, dir.resolve(name + "-cache"), host, runners,
                Duration.ofSeconds(5));
        drop(plugins, "echo.jar", hostile("echoes", ECHO));
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(5))) {
            folder.loadAll();
            var event = new PolicyEvent("e1", LocalDate.of(2018, 3, 1), "USA", List.of("DEU"), "country-rule",
                    "tighten", "targeted", OptionalInt.of(3), "A rule");
            TestContext base = TestContext.of("DEU", 2018).value("GB.XPD.RSDV.GD.ZS", 2017, 1.5)
                    .value("GB.XPD.RSDV.GD.ZS", 2018, 1.7).value("OTHER", 2018, 9).setting("factor", 2.5)
                    .missingData(new MissingDataPolicy(1, 0.6)).event(event).build();
            List<IndicatorContext> years = List.of(base, base.atPeriod(2019));
            return measurer.measureAll(host.get("echoes").orElseThrow(), years);
        } finally {
            folder.unloadAll();
        }
    }

    @Test
    void aPluginSeesTheSameContextInARunnerAsInProcess() {
        List<Measurement> inProcess = measure(Optional.empty(), "in");
        List<Measurement> isolated = measure(Optional.of(RunnerCommand.ofThisJvm(48, dir)), "out");

        String seen = inProcess.get(0).reading().orElseThrow().explanation();
        assertThat(seen).startsWith("DEU|2018|OptionalDouble[1.5]|").contains("|2.5|")
                .contains("MissingDataPolicy[carryForwardYears=1, minCoverage=0.6]").contains("e1")
                .contains("2025-01-01T00:00:00Z|Z");
        // a series the descriptor does not declare is not sent to a runner: the contract's contexts hold none either
        assertThat(isolated.get(0).reading().orElseThrow().explanation())
                .isEqualTo(seen.replace("|OptionalDouble[9.0]|", "|OptionalDouble.empty|"));
        var missing = isolated.get(1).missing().orElseThrow();
        assertThat(missing.getMessage()).isEqualTo("nothing in 2019");
        assertThat(missing.present()).containsExactly("rnd");
        assertThat(missing.coverage()).isEqualTo(0.25);
    }
}
