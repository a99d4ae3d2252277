package io.ballast.server.score;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.api.Goalposts;
import io.ballast.api.Input;
import io.ballast.api.WeightedIndex;
import io.ballast.server.config.BallastConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of like-for-like changes over random data: an input present at one end only never moves the change (it
 * is the change the other inputs give on their own), and a change is only ever a difference on inputs present at
 * both ends.
 */
class LikeForLikePropertiesTest {

    private static final List<String> SERIES = List.of("P", "Q", "S", "R", "T");
    private static final BallastConfig CONFIG = TestIndicators.config(Map.of(
            "BALLAST_SCORING_MISSING_CARRY_FORWARD_YEARS", "0", "BALLAST_SCORING_MISSING_MIN_INPUT_COVERAGE", "0.5"));

    /** Five equally weighted inputs, 0-100, higher is better. */
    private static Scorer scorer() {
        var index = WeightedIndex.named("five");
        for (String code : SERIES) {
            index.capacity(code.toLowerCase(), "Input " + code, Input.level(code),
                    new Goalposts(0, 100, HIGHER_IS_BETTER), 1);
        }
        return TestIndicators.scorer(TestIndicators.host(TestIndicators.weighted("five", index.build())), CONFIG);
    }

    private static Change change(List<Double> before, List<Double> after, int dropBefore, int dropAfter) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < SERIES.size(); i++) {
            if (i != dropBefore) {
                rows.addAll(List.of(SERIES.get(i), 2019, before.get(i)));
            }
            if (i != dropAfter) {
                rows.addAll(List.of(SERIES.get(i), 2020, after.get(i)));
            }
        }
        var years = scorer().score("CHN", TestIndicators.data(rows.toArray()));
        return TestIndicators.reading(TestIndicators.year(years, 2020), "five").change();
    }

    @Property(tries = 200)
    void anInputMissingAtOneEndMovesTheChangeNoMoreThanOneMissingAtBoth(
            @ForAll @Size(5) List<@DoubleRange(min = 0, max = 100) Double> before,
            @ForAll @Size(5) List<@DoubleRange(min = 0, max = 100) Double> after,
            @ForAll @IntRange(min = 0, max = 4) int input, @ForAll boolean missingLater) {
        Change oneEnd = missingLater ? change(before, after, -1, input) : change(before, after, input, -1);
        Change bothEnds = change(before, after, input, input);

        assertThat(oneEnd.value()).isEqualTo(bothEnds.value());
    }

    @Property(tries = 200)
    void theChangeIsTheMeanMoveOfTheInputsPresentAtBothEnds(
            @ForAll @Size(5) List<@DoubleRange(min = 0, max = 100) Double> before,
            @ForAll @Size(5) List<@DoubleRange(min = 0, max = 100) Double> after,
            @ForAll @IntRange(min = 0, max = 4) int input) {
        Change change = change(before, after, -1, input);
        double expected = 0;
        for (int i = 0; i < SERIES.size(); i++) {
            if (i != input) {
                expected += (after.get(i) - before.get(i)) / 4;
            }
        }
        assertThat(change.value()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.0051));
    }
}
