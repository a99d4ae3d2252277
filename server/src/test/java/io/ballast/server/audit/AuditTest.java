package io.ballast.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditTest {

    private final BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());

    @Test
    void theReportShowsEveryIndicatorsCorrelationsAlphaAndFlaggedPairs() {
        String report = new Audit(config).run();

        assertThat(report).contains("export-control-exposure: ", "foreign-investment: ", "internal-capacity: ",
                "labor-conditions: ");
        assertThat(report).contains("Cronbach's alpha: ");
        // the pair that shares one input's weight for this reason
        assertThat(report).containsPattern("pairs above \\|r\\| = 0.9: vulnerable-employment / output-per-worker "
                + "\\(r = 0\\.9\\d\\)");
        assertThat(report).contains("DEU (Germany)").contains("labor-conditions: 2005-2025");
        assertThat(report).contains("JPN (Japan), 2005-2025: every indicator and the composite in every year");
        assertThat(report).contains("GDP, current US$ (size): rho = ");
    }

    @Test
    void correlationsAndAlphaAreTheTextbookOnes() {
        // a and b move together exactly, c against them: r(a, b) = 1, r(a, c) = -1; alpha of a and b alone is 1
        List<Map<String, Double>> samples = List.of(Map.of("a", 1.0, "b", 2.0, "c", 9.0),
                Map.of("a", 2.0, "b", 4.0, "c", 8.0), Map.of("a", 3.0, "b", 6.0, "c", 7.0),
                Map.of("a", 4.0, "b", 8.0));
        var three = new InputCorrelations("x", samples);
        assertThat(three.correlation("a", "b")).isCloseTo(1, within(1e-12));
        assertThat(three.correlation("a", "c")).isCloseTo(-1, within(1e-12));
        assertThat(three.redundantPairs()).hasSize(3);
        var two = new InputCorrelations("y", List.of(Map.of("a", 1.0, "b", 1.0), Map.of("a", 2.0, "b", 2.0),
                Map.of("a", 3.0, "b", 3.0)));
        assertThat(two.alpha()).isCloseTo(1, within(1e-12));
        // uncorrelated halves: var(a + b) = var(a) + var(b), alpha = 2 * (1 - 1) = 0
        var none = new InputCorrelations("z", List.of(Map.of("a", 1.0, "b", 1.0), Map.of("a", -1.0, "b", 1.0),
                Map.of("a", 1.0, "b", -1.0), Map.of("a", -1.0, "b", -1.0)));
        assertThat(none.alpha()).isCloseTo(0, within(1e-12));
    }

    @Test
    void yearsAreWrittenAsRanges() {
        assertThat(CoverageGaps.ranges(List.of(2005, 2006, 2007, 2010, 2012, 2013))).isEqualTo("2005-2007, 2010, "
                + "2012-2013");
    }
}
