package io.ballast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeansTest {

    @Test
    void arithmeticMeanWeighsEachValue() {
        // (3 * 40 + 1 * 80) / (3 + 1) = 200 / 4 = 50
        assertThat(Means.arithmetic(new double[] {40, 80}, new double[] {3, 1})).isCloseTo(50, within(1e-9));
        // (0.5 * 5.6 + 0.25 * 14.75 + 0.25 * 21.625) / 1 = 2.8 + 3.6875 + 5.40625 = 11.89375
        assertThat(Means.arithmetic(new double[] {5.6, 14.75, 21.625}, new double[] {0.5, 0.25, 0.25}))
                .isCloseTo(11.89375, within(1e-9));
    }

    @Test
    void arithmeticMeanDoesNotDependOnTheScaleOfTheWeights() {
        double small = Means.arithmetic(new double[] {10, 70}, new double[] {0.2, 0.6});
        double large = Means.arithmetic(new double[] {10, 70}, new double[] {2, 6});
        // (0.2 * 10 + 0.6 * 70) / 0.8 = 44 / 0.8 = 55
        assertThat(small).isCloseTo(55, within(1e-9));
        assertThat(large).isCloseTo(55, within(1e-9));
    }

    @Test
    void arithmeticMeanIgnoresAZeroWeightedValue() {
        // (1 * 30 + 0 * 100) / 1 = 30
        assertThat(Means.arithmetic(new double[] {30, 100}, new double[] {1, 0})).isCloseTo(30, within(1e-9));
    }

    @Test
    void geometricMeanMultipliesWeightedPowers() {
        // sqrt(40 * 90) = sqrt(3600) = 60
        assertThat(Means.geometric(new double[] {40, 90}, new double[] {1, 1})).isCloseTo(60, within(1e-9));
        // 8^(2/3) * 64^(1/3) = 4 * 4 = 16
        assertThat(Means.geometric(new double[] {8, 64}, new double[] {2, 1})).isCloseTo(16, within(1e-9));
    }

    @Test
    void geometricMeanIsBelowArithmeticWhenValuesDiffer() {
        double[] values = {20, 80};
        double[] weights = {1, 1};
        // geometric sqrt(1600) = 40 < arithmetic 50
        assertThat(Means.geometric(values, weights)).isCloseTo(40, within(1e-9));
        assertThat(Means.arithmetic(values, weights)).isCloseTo(50, within(1e-9));
    }

    @Test
    void geometricMeanLiftsAZeroToTheFloorOfOne() {
        // the 0 becomes 1: sqrt(1 * 100) = 10, not 0
        assertThat(Means.GEOMETRIC_FLOOR).isEqualTo(1.0);
        assertThat(Means.geometric(new double[] {0, 100}, new double[] {1, 1})).isCloseTo(10, within(1e-9));
        // 0.25 is below the floor too: also sqrt(1 * 100) = 10
        assertThat(Means.geometric(new double[] {0.25, 100}, new double[] {1, 1})).isCloseTo(10, within(1e-9));
    }

    @Test
    void geometricMeanOfEqualValuesIsThatValue() {
        assertThat(Means.geometric(new double[] {37.5, 37.5, 37.5}, new double[] {0.3, 0.2, 0.5}))
                .isCloseTo(37.5, within(1e-9));
    }

    @Test
    void rejectsWeightsAddingUpToZero() {
        assertThatThrownBy(() -> Means.arithmetic(new double[] {10, 20}, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 0");
        assertThatThrownBy(() -> Means.geometric(new double[] {10, 20}, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 0");
        assertThatThrownBy(() -> Means.arithmetic(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThatThrownBy(() -> Means.arithmetic(new double[] {10, 20}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 values but 1 weights");
        assertThatThrownBy(() -> Means.geometric(new double[] {10}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1 values but 2 weights");
    }

    @Test
    void rejectsANegativeWeightOrANonFiniteValue() {
        assertThatThrownBy(() -> Means.arithmetic(new double[] {10, 20}, new double[] {2, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 1");
        assertThatThrownBy(() -> Means.geometric(new double[] {Double.NaN, 20}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 0");
    }
}
