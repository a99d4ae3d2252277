package io.ballast.server.score;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;
import static io.ballast.server.score.TestIndicators.answering;
import static io.ballast.server.score.TestIndicators.config;
import static io.ballast.server.score.TestIndicators.data;
import static io.ballast.server.score.TestIndicators.host;
import static io.ballast.server.score.TestIndicators.reading;
import static io.ballast.server.score.TestIndicators.scorer;
import static io.ballast.server.score.TestIndicators.weighted;
import static io.ballast.server.score.TestIndicators.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.MissingDataException;
import io.ballast.api.WeightedIndex;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorerTest {

    /** An indicator whose score is the value of its one series (0-100, higher is better). */
    private static Indicator single(String id, String series) {
        return weighted(id, WeightedIndex.named(id).capacity("value", "Value of " + series, Input.level(series),
                new Goalposts(0, 100, HIGHER_IS_BETTER), 1).build());
    }

    /** Four equally weighted inputs P, Q, S, R between 0 and 100, higher is better. */
    private static Indicator fourInputs(String id) {
        var index = WeightedIndex.named(id);
        for (String code : List.of("P", "Q", "S", "R")) {
            index.capacity(code.toLowerCase(), "Input " + code, Input.level(code),
                    new Goalposts(0, 100, HIGHER_IS_BETTER), 1);
        }
        return weighted(id, index.build());
    }

    @Test
    void theCompositeIsTheWeightedGeometricMeanOfTheIndicators() {
        var scorer = scorer(host(single("a", "X"), single("b", "Y")), config(Map.of()));
        CompositeScore c = year(scorer.score("CHN", data("X", 2020, 80, "Y", 2020, 20)), 2020).composite();
        // exp((ln 80 + ln 20) / 2) = sqrt(1600) = 40; an arithmetic mean would hide the weak 20 behind 50
        assertThat(c.score()).isEqualTo(40.0);
        assertThat(c.method()).isEqualTo("geometric");
        assertThat(c.coverage()).isEqualTo(1.0);
        assertThat(c.indicators()).containsExactly("a", "b");
    }

    @Test
    void arithmeticAggregationCanBeChosenInConfig() {
        var scorer = scorer(host(single("a", "X"), single("b", "Y")),
                config(Map.of("BALLAST_SCORING_METHOD", "arithmetic")));
        assertThat(year(scorer.score("CHN", data("X", 2020, 80, "Y", 2020, 20)), 2020).composite().score())
                .isEqualTo(50.0);
    }

    @Test
    void anIndicatorWithoutAReadingWithholdsTheCompositeInsteadOfBeingAveragedAway() {
        var scorer = scorer(host(single("a", "X"), single("b", "Y")), config(Map.of()));
        YearScores y = year(scorer.score("CHN", data("X", 2020, 64)), 2020);
        // the mean of the others (64) would stand in for b if b were dropped and the rest re-averaged
        assertThat(y.composite().score()).isNull();
        assertThat(y.composite().missing()).containsExactly("b");
        assertThat(y.composite().withheld()).startsWith("no composite in 2020: b has no reading (")
                .contains("no data for Y");
        assertThat(reading(y, "b").score()).isNull();
        assertThat(reading(y, "b").basket().missing()).extracting(Basket.Missing::key).containsExactly("value");
    }

    @Test
    void belowTheMinimumWeightedInputCoverageTheCompositeIsWithheld() {
        // c has 3 of its 4 inputs (0.75), a all of its one: (1 + 0.75) / 2 = 0.875, below 0.95
        var scorer = scorer(host(single("a", "X"), fourInputs("c")),
                config(Map.of("BALLAST_SCORING_MIN_COVERAGE", "0.95")));
        CompositeScore c = year(scorer.score("CHN", data("X", 2020, 50, "P", 2020, 50, "Q", 2020, 50,
                "S", 2020, 50)), 2020).composite();
        assertThat(c.score()).isNull();
        assertThat(c.coverage()).isEqualTo(0.875);
        assertThat(c.withheld()).contains("88% of the input weight, below the 95%");
    }

    @Test
    void aReadingBelowTheMinimumInputCoverageIsWithheldEvenWhenThePluginScoresIt() {
        Indicator thin = answering("thin", List.of("T"), ctx -> new IndicatorReading(60,
                List.of(new Component("T", "T", 60, 60, 1)), "thin.", 0.3, List.of("U")));
        YearScores y = year(scorer(host(thin), config(Map.of())).score("CHN", data("T", 2020, 60)), 2020);
        assertThat(reading(y, "thin").score()).isNull();
        assertThat(reading(y, "thin").withheld()).contains("30% of its input weight in 2020, below the 70%");
    }

    @Test
    void aValueCarriedFurtherThanAllowedIsWithheld() {
        Indicator stale = answering("stale", List.of("T"), ctx -> new IndicatorReading(60,
                List.of(new Component("t", "T", "T", 60, 60, 1, Optional.empty(), Optional.empty(), 3)), "old.", 1,
                List.of()));
        YearScores y = year(scorer(host(stale), config(Map.of())).score("CHN", data("T", 2020, 60)), 2020);
        assertThat(reading(y, "stale").withheld()).contains("carries T forward 3 years, beyond the 2 allowed");
    }

    @Test
    void aChangeIsLikeForLikeLeavingOutAnInputMissingAtOneEnd() {
        var scorer = scorer(host(fourInputs("m")), config(Map.of("BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0")));
        List<YearScores> years = scorer.score("CHN", data("P", 2019, 10, "Q", 2019, 20, "S", 2019, 30, "R", 2019, 90,
                "P", 2020, 20, "Q", 2020, 30, "S", 2020, 40));
        IndicatorScore now = reading(year(years, 2020), "m");
        // plain scores 37.5 -> 30 would say -7.5 while every input present in both years rose by 10
        assertThat(reading(year(years, 2019), "m").score()).isEqualTo(37.5);
        assertThat(now.score()).isEqualTo(30.0);
        assertThat(now.change().value()).isEqualTo(10.0);
        assertThat(now.change().likeForLike()).isTrue();
        assertThat(now.change().basis()).contains("left out: r (not in 2020)");
        // the composite of that one indicator changes like for like too
        assertThat(year(years, 2020).composite().change().value()).isCloseTo(10.0, within(0.01));
    }

    @Test
    void noChangeIsShownWhenTooLittleInputIsPresentInBothYears() {
        var scorer = scorer(host(fourInputs("m")), config(Map.of("BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0")));
        // 2019 has P, Q, S; 2020 has Q, S, R: only Q and S (half the weight) are in both
        List<YearScores> years = scorer.score("CHN", data("P", 2019, 10, "Q", 2019, 20, "S", 2019, 30,
                "Q", 2020, 30, "S", 2020, 40, "R", 2020, 50));
        Change change = reading(year(years, 2020), "m").change();
        assertThat(change.value()).isNull();
        assertThat(change.reason()).isEqualTo("only 50% of its input weight is present in both 2019 and 2020 (a "
                + "like-for-like change needs 70%)");
    }

    @Test
    void anIndicatorThatDoesNotDecomposeGetsNoChangeWhenItsInputsDiffer() {
        Indicator opaque = answering("opaque", List.of("A", "B"), ctx -> {
            var a = ctx.value("A");
            var b = ctx.value("B");
            if (a.isEmpty()) {
                throw new MissingDataException(List.of("A"));
            }
            List<Component> parts = b.isPresent()
                    ? List.of(new Component("A", "A", a.getAsDouble(), a.getAsDouble(), 1),
                    new Component("B", "B", b.getAsDouble(), b.getAsDouble(), 1))
                    : List.of(new Component("A", "A", a.getAsDouble(), a.getAsDouble(), 1));
            return new IndicatorReading(Math.sqrt(a.getAsDouble()), parts, "opaque.", b.isPresent() ? 1 : 0.8,
                    List.of());
        });
        List<YearScores> years = scorer(host(opaque), config(Map.of())).score("CHN",
                data("A", 2019, 49, "B", 2019, 10, "A", 2020, 64));
        IndicatorScore now = reading(year(years, 2020), "opaque");
        assertThat(now.additive()).isFalse();
        assertThat(now.change().value()).isNull();
        assertThat(now.change().reason()).contains("does not decompose");
    }

    @Test
    void aPluginThatThrowsIsMarkedFailedAndTheCompositeSaysSo() {
        PluginHost host = host(single("a", "X"), answering("boom", List.of("X"), ctx -> {
            throw new IllegalStateException("kaput");
        }));
        YearScores y = year(scorer(host, config(Map.of())).score("CHN", data("X", 2020, 70)), 2020);
        assertThat(reading(y, "a").score()).isEqualTo(70.0);
        assertThat(host.get("boom").orElseThrow().state()).isEqualTo(PluginState.FAILED);
        assertThat(host.get("boom").orElseThrow().failure()).get().asString().contains("kaput");
        assertThat(y.composite().score()).isNull();
        assertThat(y.composite().withheld()).contains("boom has no reading (the boom plugin failed");
    }

    @Test
    void aPluginReturningAnInvalidReadingIsMarkedFailed() {
        PluginHost host = host(answering("nan", List.of("NAN"), ctx -> new IndicatorReading(Double.NaN, List.of(),
                "x", 1, List.of())));
        scorer(host, config(Map.of())).score("CHN", data("NAN", 2020, 1));
        assertThat(host.get("nan").orElseThrow().state()).isEqualTo(PluginState.FAILED);
        assertThat(host.get("nan").orElseThrow().failure()).get().asString().contains("score");
    }

    /** Capacity: manufacturing, patents and R&D (capacity-inputs default to the first two); labor: unemployment. */
    private static PluginHost capacityAndLabor() {
        var capacity = WeightedIndex.named("Capacity")
                .capacity("manufacturing", "Manufacturing", Input.level("MAN"), new Goalposts(0, 100, HIGHER_IS_BETTER),
                        1)
                .capacity("patents", "Patents", Input.level("PAT"), new Goalposts(0, 100, HIGHER_IS_BETTER), 1)
                .capacity("rnd", "R&D", Input.level("RND"), new Goalposts(0, 100, HIGHER_IS_BETTER), 1).build();
        var labor = WeightedIndex.named("Labor").vulnerability("unemployment", "Unemployment", Input.level("UNEMP"),
                new Goalposts(0, 100, LOWER_IS_BETTER), 1).build();
        return host(weighted("internal-capacity", capacity), weighted("labor-conditions", labor));
    }

    @Test
    void theCompositeWarnsWhenCapacityRisesWhileLaborConditionsFallOnTheSameInputs() {
        List<YearScores> years = scorer(capacityAndLabor(), config(Map.of())).score("CHN", data(
                "MAN", 2017, 30, "PAT", 2017, 50, "RND", 2017, 40, "UNEMP", 2017, 30,
                "MAN", 2020, 45, "PAT", 2020, 65, "RND", 2020, 40, "UNEMP", 2020, 40));
        CompositeScore warned = year(years, 2020).composite();
        assertThat(warned.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo("capacity-labor-divergence");
            assertThat(w.message()).contains("Capacity (manufacturing, patents) rose 15.0 points from 2017 to 2020")
                    .contains("fell 10.0 points");
        });
        assertThat(warned.divergence().capacityInputs()).containsExactly("manufacturing", "patents");
    }

    @Test
    void aRiseOfRndAloneIsNotTakenForAPushOfCapacity() {
        // R&D intensity rises when GDP falls in a recession while unemployment rises: not the pattern warned about
        List<YearScores> years = scorer(capacityAndLabor(), config(Map.of())).score("CHN", data(
                "MAN", 2017, 30, "PAT", 2017, 50, "RND", 2017, 40, "UNEMP", 2017, 30,
                "MAN", 2020, 30, "PAT", 2020, 50, "RND", 2020, 70, "UNEMP", 2020, 40));
        CompositeScore c = year(years, 2020).composite();
        assertThat(reading(year(years, 2020), "internal-capacity").score())
                .isGreaterThan(reading(year(years, 2017), "internal-capacity").score());
        assertThat(c.divergence().tested()).isTrue();
        assertThat(c.divergence().capacityChange()).isEqualTo(0.0);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void theDivergenceCheckSaysWhyWhenItCannotBeMade() {
        // readings need two thirds of their inputs here, and nothing is carried: capacity rests on R&D and
        // manufacturing in 2017, on R&D and patents in 2020, so neither capacity input is there at both ends
        var rules = Map.of("BALLAST_SCORING_MISSING_MIN_INPUT_COVERAGE", "0.6",
                "BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0");
        List<YearScores> years = scorer(capacityAndLabor(), config(rules)).score("CHN", data(
                "RND", 2017, 40, "MAN", 2017, 30, "UNEMP", 2017, 30,
                "PAT", 2020, 65, "RND", 2020, 40, "UNEMP", 2020, 40));
        DivergenceCheck check = year(years, 2020).composite().divergence();
        assertThat(check.tested()).isFalse();
        assertThat(check.reason()).isEqualTo("none of the capacity inputs [manufacturing, patents] is present in both "
                + "2017 and 2020");
    }

    @Test
    void vulnerabilitiesAndCapacitiesAreReportedApart() {
        var mixed = WeightedIndex.named("Mixed")
                .vulnerability("dependence", "Dependence", Input.level("D"), new Goalposts(0, 100, LOWER_IS_BETTER), 1)
                .capacity("output", "Output", Input.level("O"), new Goalposts(0, 100, HIGHER_IS_BETTER), 1).build();
        YearScores y = year(scorer(host(weighted("mixed", mixed)), config(Map.of())).score("CHN",
                data("D", 2020, 30, "O", 2020, 60)), 2020);
        // dependence 30 normalises to 70 (lower is better): vulnerability 30; output 60: capacity 60
        assertThat(reading(y, "mixed").subscores()).isEqualTo(new Subscores(30.0, 60.0));
        assertThat(y.composite().subindices()).isEqualTo(new Subscores(30.0, 60.0));
        assertThat(y.composite().score()).isEqualTo(65.0);
    }

    @Test
    void everyYearFromTheFirstToTheLastWithDataHasARowSayingWhatItHas() {
        var scorer = scorer(host(single("a", "X")), config(Map.of("BALLAST_SCORING_FROM_YEAR", "2018",
                "BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0")));
        List<YearScores> years = scorer.score("CHN", data("X", 2019, 1, "X", 2022, 2));
        assertThat(years).extracting(YearScores::period).containsExactly(2018, 2019, 2020, 2021, 2022);
        assertThat(reading(year(years, 2019), "a").score()).isEqualTo(1.0);
        assertThat(reading(year(years, 2020), "a").withheld()).isEqualTo("no data for X");
    }
}
