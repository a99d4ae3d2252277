package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.server.config.BallastConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the bundled baseline says, scored by the built-in indicators under the default config: the same basket for
 * every economy, gaps named, changes and ranks like for like. The raw figures each check rests on are quoted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledDataTest {

    private static final List<String> INDICATORS = List.of("export-control-exposure", "foreign-investment",
            "internal-capacity", "labor-conditions");

    private final BallastConfig config = TestIndicators.config(Map.of());
    private Bundled bundled;

    @BeforeAll
    void score() {
        bundled = new Bundled(config);
    }

    @Test
    void fiveEconomiesHaveAllFourIndicatorsAndACompositeInEveryYearFrom2010To2022() {
        for (String region : List.of("CHN", "USA", "JPN", "KOR", "IND")) {
            for (int year = 2010; year <= 2022; year++) {
                YearScores y = bundled.year(region, year);
                for (String indicator : INDICATORS) {
                    assertThat(TestIndicators.reading(y, indicator).score()).as(region + " " + indicator + " " + year)
                            .isNotNull();
                }
                assertThat(y.composite().score()).as(region + " composite " + year).isNotNull();
            }
        }
    }

    @Test
    void everyIndicatorHasItsMinimumInputCoverageFrom2005ToEachEconomysLastComposite() {
        for (String region : List.of("CHN", "USA", "JPN", "KOR", "IND")) {
            int last = bundled.years.get(region).stream().filter(y -> y.composite().scored())
                    .mapToInt(YearScores::period).max().orElseThrow();
            assertThat(last).as(region).isGreaterThanOrEqualTo(2022);
            for (int year = 2005; year <= last; year++) {
                for (String indicator : INDICATORS) {
                    IndicatorScore s = bundled.reading(region, indicator, year);
                    assertThat(s.coverage()).as(region + " " + indicator + " " + year).isGreaterThanOrEqualTo(0.7);
                }
            }
        }
    }

    @Test
    void germanysGapsAreNamedInsteadOfScored() {
        // no offline copy of Germany's ICT and manufactures import shares, vulnerable employment, output per worker
        // or participation exists: exposure and labor conditions are withheld, and say why
        IndicatorScore exposure = bundled.reading("DEU", "export-control-exposure", 2020);
        assertThat(exposure.score()).isNull();
        assertThat(exposure.withheld()).contains("TM.VAL.ICTG.ZS.UN").contains("TM.VAL.MANF.ZS.UN");
        IndicatorScore labor = bundled.reading("DEU", "labor-conditions", 2020);
        assertThat(labor.withheld()).contains("SL.EMP.VULN.ZS").contains("SL.GDP.PCAP.EM.KD")
                .contains("SL.TLF.CACT.ZS");
        // what the year had is still said: unemployment and youth unemployment, 55 % of the weight
        assertThat(labor.coverage()).isEqualTo(0.55);
        assertThat(labor.basket().used()).containsExactly("unemployment", "youth-unemployment");
        assertThat(labor.basket().missing()).extracting(Basket.Missing::key).containsExactly("vulnerable-employment",
                "output-per-worker", "participation");
        assertThat(bundled.year("DEU", 2020).composite().withheld())
                .contains("export-control-exposure has no reading").contains("labor-conditions has no reading");
        // internal capacity has three of its four inputs: a reading, with manufacturing named as missing
        IndicatorScore capacity = bundled.reading("DEU", "internal-capacity", 2020);
        assertThat(capacity.score()).isNotNull();
        assertThat(capacity.basket().missing()).extracting(Basket.Missing::key).containsExactly("manufacturing");
    }

    @Test
    void wheneverEveryInputMovesTheSameWayTheLikeForLikeChangeMovesThatWay() {
        int checked = 0;
        for (String region : Bundled.REGIONS) {
            for (String indicator : INDICATORS) {
                for (int year = 2006; year <= 2025; year++) {
                    for (int gap : new int[] {1, 3}) {
                        checked += checkSameWay(region, indicator, year - gap, year);
                    }
                }
            }
        }
        assertThat(checked).as("pairs of years where every input moved the same way").isGreaterThan(100);
    }

    /** 1 when every common input moved the same way between the two years (and the change agrees), 0 otherwise. */
    private int checkSameWay(String region, String indicator, int from, int to) {
        var years = bundled.years.get(region);
        if (years.stream().noneMatch(y -> y.period() == from) || years.stream().noneMatch(y -> y.period() == to)) {
            return 0;
        }
        IndicatorScore before = bundled.reading(region, indicator, from);
        IndicatorScore now = bundled.reading(region, indicator, to);
        if (!before.scored() || !now.scored()) {
            return 0;
        }
        Change change = LikeForLike.indicatorChange(before, now, 0.7);
        if (!change.known()) {
            return 0;
        }
        Set<String> common = LikeForLike.keys(now);
        common.retainAll(LikeForLike.keys(before));
        List<Double> moves = new ArrayList<>();
        for (String key : common) {
            moves.add(normalised(now, key) - normalised(before, key));
        }
        boolean allUp = moves.stream().allMatch(m -> m >= 0) && moves.stream().anyMatch(m -> m > 0.01);
        boolean allDown = moves.stream().allMatch(m -> m <= 0) && moves.stream().anyMatch(m -> m < -0.01);
        if (allUp) {
            assertThat(change.value()).as(region + " " + indicator + " " + from + "->" + to).isGreaterThan(0);
        } else if (allDown) {
            assertThat(change.value()).as(region + " " + indicator + " " + from + "->" + to).isLessThan(0);
        }
        return allUp || allDown ? 1 : 0;
    }

    private static double normalised(IndicatorScore s, String key) {
        return s.components().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow().normalised();
    }

    @Test
    void chinasForeignInvestmentFell2021To2024WithBothOfItsInputs() {
        // FDI net inflows, % of GDP (WDI 2026-04-08): 2019 1.29, 2020 1.69, 2021 1.89 -> 3-year mean 1.62;
        // 2022 1.04, 2023 0.28, 2024 0.10 -> 0.47; the mean's 3-year change went from +0.12 to -1.15
        IndicatorScore y2021 = bundled.reading("CHN", "foreign-investment", 2021);
        IndicatorScore y2024 = bundled.reading("CHN", "foreign-investment", 2024);
        assertThat(bundled.raw("CHN", "foreign-investment", 2021, "fdi")).isCloseTo(1.62, within(0.01));
        assertThat(bundled.raw("CHN", "foreign-investment", 2024, "fdi")).isCloseTo(0.47, within(0.01));
        assertThat(bundled.raw("CHN", "foreign-investment", 2021, "fdi-trend")).isCloseTo(0.12, within(0.01));
        assertThat(bundled.raw("CHN", "foreign-investment", 2024, "fdi-trend")).isCloseTo(-1.15, within(0.01));
        Change change = LikeForLike.indicatorChange(y2021, y2024, 0.7);
        assertThat(change.basis()).isEqualTo("the same inputs in both years");
        assertThat(change.value()).isLessThan(-20);
    }

    @Test
    void chinasLaborConditionsFell2018To2023AsJoblessnessRoseAmongTheYoung() {
        // youth unemployment 9.71 -> 15.9 %, unemployment 4.31 -> 4.67 %, participation 67.8 -> 66.4 % (worse);
        // vulnerable employment 42.9 -> 41.8 % and output per worker 28.6k -> 34.6k $ (2022 values carried to 2023;
        // better): not every input moved the same way, and on the same five inputs the score fell
        assertThat(bundled.raw("CHN", "labor-conditions", 2018, "youth-unemployment")).isCloseTo(9.71, within(0.01));
        assertThat(bundled.raw("CHN", "labor-conditions", 2023, "youth-unemployment")).isCloseTo(15.9, within(0.01));
        IndicatorScore y2023 = bundled.reading("CHN", "labor-conditions", 2023);
        assertThat(y2023.basket().carried()).extracting(Basket.Carried::key)
                .containsExactlyInAnyOrder("vulnerable-employment", "output-per-worker");
        Change change = LikeForLike.indicatorChange(bundled.reading("CHN", "labor-conditions", 2018), y2023, 0.7);
        assertThat(change.basis()).isEqualTo("the same inputs in both years");
        assertThat(change.value()).isLessThan(-2);
    }

    @Test
    void chinasExportControlExposureRose2021To2024AsControlsAccumulated() {
        // controls in force (severity points) grew with the October 2022 and 2023 rules, the Dutch and Japanese tool
        // controls and the December 2024 rule; the manufactures share of imports fell 55.7 -> 51.5 % (2022, carried),
        // a little less dependence; ICT goods imports end in 2021, so they are left out of the comparison
        double pressure2021 = bundled.raw("CHN", "export-control-exposure", 2021, "control-pressure");
        double pressure2024 = bundled.raw("CHN", "export-control-exposure", 2024, "control-pressure");
        assertThat(pressure2024).isGreaterThan(pressure2021 + 40);
        assertThat(bundled.raw("CHN", "export-control-exposure", 2024, "manufactures-imports"))
                .isCloseTo(51.49, within(0.01));
        Change change = LikeForLike.indicatorChange(bundled.reading("CHN", "export-control-exposure", 2021),
                bundled.reading("CHN", "export-control-exposure", 2024), 0.7);
        assertThat(change.basis()).contains("ict-imports (not in 2024)");
        assertThat(change.value()).isLessThan(-20);
    }

    @Test
    void exposureFallsInTheYearOfTheOctober2022RuleInsteadOfJumping() {
        IndicatorScore y2021 = bundled.reading("CHN", "export-control-exposure", 2021);
        IndicatorScore y2022 = bundled.reading("CHN", "export-control-exposure", 2022);
        assertThat(y2022.score()).isLessThan(y2021.score());
        assertThat(y2022.change().value()).isLessThan(0);
        // the same method in every year: the same three inputs from 2018 to 2021 as in 2022
        assertThat(LikeForLike.keys(y2022)).containsExactlyElementsOf(LikeForLike.keys(y2021));
        // without the October 7 rule, 2022 exposure would be lower (a higher score)
        assertThat(scoredWithout("2022-10-07").reading("CHN", "export-control-exposure", 2022).score())
                .isGreaterThan(y2022.score());
    }

    /** The baseline scored again without the events dated {@code date}. */
    private Bundled scoredWithout(String date) {
        return new Bundled(config, event -> !event.date().toString().equals(date));
    }

    @Test
    void chinasCompositeDrop2023To2024IsMeasuredLikeForLike() {
        YearScores y2024 = bundled.year("CHN", 2024);
        double plain = y2024.composite().score() - bundled.year("CHN", 2023).composite().score();
        Change change = y2024.composite().change();
        // two inputs have no 2024 value (ICT goods imports, resident patents): the plain difference mixes baskets
        assertThat(change.basis()).contains("ict-imports (not in 2024)").contains("patents (not in 2024)");
        assertThat(change.value()).isGreaterThan(plain);
        assertThat(change.value()).isLessThan(0);
    }

    @Test
    void theDivergenceWarningCatchesChina2019To2022AndSparesTheUsaInItsRecessions() {
        DivergenceCheck china = bundled.year("CHN", 2022).composite().divergence();
        // manufacturing 26.8 -> 27.7 % of GDP and resident patents 1.24 -> 1.43 million (2021, carried) rose while
        // youth unemployment rose 10.7 -> 14.8 % and participation fell 67.4 -> 66.9 %
        assertThat(china.fired()).isTrue();
        assertThat(china.capacityInputs()).containsExactly("manufacturing", "patents");
        for (int year : new int[] {2009, 2010, 2020, 2021}) {
            assertThat(bundled.year("USA", year).composite().warnings()).as("USA " + year).isEmpty();
        }
    }

    @Test
    void ranksCompareEveryEconomyOnTheInputsTheyAllHave() {
        Aggregation aggregation = Aggregation.of(config);
        Map<String, Rank> ranks = Ranking.of(2022, Bundled.REGIONS, bundled.panel, aggregation, 0.7);
        assertThat(ranks.get("DEU").position()).isNull();
        assertThat(ranks.get("CHN").excluded()).extracting(Rank.Excluded::region).containsExactly("DEU");
        assertThat(ranks.values().stream().filter(r -> r.position() != null)).hasSize(5)
                .allSatisfy(r -> assertThat(r.likeForLike()).isTrue());
        // every ranked economy's comparable composite rests on the same inputs
        assertThat(ranks.get("CHN").basis()).isEqualTo(ranks.get("USA").basis());
        List<Integer> positions = ranks.values().stream().map(Rank::position).filter(p -> p != null).sorted()
                .toList();
        assertThat(positions).containsExactly(1, 2, 3, 4, 5);
    }
}
