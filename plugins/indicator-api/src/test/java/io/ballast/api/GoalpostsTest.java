package io.ballast.api;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoalpostsTest {

    private final Goalposts fdi = new Goalposts(0, 5, HIGHER_IS_BETTER);
    private final Goalposts unemployment = new Goalposts(2, 15, LOWER_IS_BETTER);

    @Test
    void higherIsBetterMapsLowerGoalpostToZeroAndUpperToHundred() {
        assertThat(fdi.normalise(0)).isCloseTo(0, within(1e-9));
        assertThat(fdi.normalise(5)).isCloseTo(100, within(1e-9));
        // (0.28 - 0) / (5 - 0) * 100 = 5.6
        assertThat(fdi.normalise(0.28)).isCloseTo(5.6, within(1e-9));
        assertThat(fdi.normalise(2.5)).isCloseTo(50, within(1e-9));
    }

    @Test
    void lowerIsBetterMapsLowerGoalpostToHundredAndUpperToZero() {
        assertThat(unemployment.normalise(2)).isCloseTo(100, within(1e-9));
        assertThat(unemployment.normalise(15)).isCloseTo(0, within(1e-9));
        // 100 * (1 - (4.7 - 2) / 13) = 100 * 10.3 / 13 = 79.230769230769...
        assertThat(unemployment.normalise(4.7)).isCloseTo(1030.0 / 13, within(1e-9));
    }

    @Test
    void clampsValuesBeyondTheGoalposts() {
        assertThat(fdi.normalise(-3)).isCloseTo(0, within(1e-9));
        assertThat(fdi.normalise(12)).isCloseTo(100, within(1e-9));
        assertThat(unemployment.normalise(0.5)).isCloseTo(100, within(1e-9));
        assertThat(unemployment.normalise(40)).isCloseTo(0, within(1e-9));
    }

    @Test
    void worksWithNegativeGoalposts() {
        var trend = new Goalposts(-2, 2, HIGHER_IS_BETTER);
        // (-1.41 + 2) / 4 * 100 = 14.75
        assertThat(trend.normalise(-1.41)).isCloseTo(14.75, within(1e-9));
    }

    @Test
    void rejectsALowerGoalpostAtOrAboveTheUpper() {
        assertThatThrownBy(() -> new Goalposts(5, 5, HIGHER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be below upper goalpost");
        assertThatThrownBy(() -> new Goalposts(6, 5, LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be below upper goalpost");
    }

    @Test
    void rejectsNonFiniteGoalpostsAndAMissingDirection() {
        assertThatThrownBy(() -> new Goalposts(Double.NaN, 5, HIGHER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower goalpost");
        assertThatThrownBy(() -> new Goalposts(0, Double.POSITIVE_INFINITY, HIGHER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper goalpost");
        assertThatThrownBy(() -> new Goalposts(0, 5, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direction");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsARawValueThatIsNotAFiniteNumber(double raw) {
        assertThatThrownBy(() -> fdi.normalise(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raw value");
    }

    @Test
    void normalisedValueFollowsTheDirection() {
        double previousUp = -1;
        double previousDown = 101;
        for (double raw = -1; raw <= 16; raw += 0.25) {
            double up = new Goalposts(2, 15, HIGHER_IS_BETTER).normalise(raw);
            double down = unemployment.normalise(raw);
            assertThat(up).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(previousUp);
            assertThat(down).isBetween(0.0, 100.0).isLessThanOrEqualTo(previousDown);
            assertThat(up + down).isCloseTo(100, within(1e-9));
            previousUp = up;
            previousDown = down;
        }
    }
}
