package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What is known about China 2021-2024 shows in the scores computed from the bundled baseline. */
class KnownFactsTest {

    private final BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
    private final List<NewObservation> baseline = Baseline.bundled().observations();

    private double score(String indicator, int year, UnaryOperator<NewObservation> edit) {
        PluginHost host = new PluginHost(id -> true);
        host.discover(getClass().getClassLoader(), "classpath");
        List<ObservationRow> rows = baseline.stream().filter(o -> o.region().equals("CHN")).map(edit)
                .map(o -> new ObservationRow(null, o.region(), o.series(), o.period(), o.value(), o.source(),
                        Instant.EPOCH)).toList();
        return new Scorer(host, new Measurer(host, Duration.ofSeconds(2)), config, Clock.systemUTC()).score("CHN", RegionData.of(rows), year).stream()
                .filter(y -> y.period() == year).findFirst().orElseThrow()
                .indicators().stream().filter(s -> s.id().equals(indicator)).findFirst().orElseThrow().score();
    }

    private double score(String indicator, int year) {
        return score(indicator, year, UnaryOperator.identity());
    }

    @Test
    void foreignInvestmentIn2023IsBelow2021AsFdiInflowsFellFromAbout2To03PercentOfGdp() {
        assertThat(score("foreign-investment", 2023)).isLessThan(score("foreign-investment", 2021) - 10);
    }

    @Test
    void exportControlExposureReflectsThe2022October7Rule() {
        // the counterfactual: the same data without that action scores higher (less exposed)
        double without = score("export-control-exposure", 2022, o ->
                o.series().equals("BAL.EC.ACTIONS") && o.period() == 2022
                        ? new NewObservation(o.region(), o.series(), o.period(), o.value() - 1, o.source()) : o);
        assertThat(score("export-control-exposure", 2022)).isLessThan(without);
    }

    @Test
    void exportControlExposureReflectsThe2024December2RuleAnd140EntityListings() {
        assertThat(score("export-control-exposure", 2024)).isLessThan(score("export-control-exposure", 2023));
        double without = score("export-control-exposure", 2024, o ->
                o.series().startsWith("BAL.EC.") && o.period() == 2024
                        ? new NewObservation(o.region(), o.series(), o.period(),
                        o.value() - (o.series().equals("BAL.EC.ENTITIES") ? 140 : 1), o.source()) : o);
        assertThat(score("export-control-exposure", 2024)).isLessThan(without);
    }
}
