package io.ballast.server.score.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FactorTest {

    @Test
    void aUniformFactorMapsTheUnitDrawLinearlyOntoItsRange() {
        Factor weight = Factor.uniform("weight", 0.5, 1.5);

        assertThat(weight.value(0)).isEqualTo(0.5);
        assertThat(weight.value(0.25)).isEqualTo(0.75);
        assertThat(weight.value(0.5)).isEqualTo(1.0);
        assertThat(weight.isFixed()).isFalse();
    }

    @Test
    void aZeroWidthRangeGivesItsValueForEveryDraw() {
        Factor fixed = Factor.uniform("goalpost", 0.1, 0.1);

        assertThat(fixed.isFixed()).isTrue();
        for (double u : new double[] {0, 1e-9, 0.3, 0.5, 0.999999}) {
            assertThat(fixed.value(u)).isEqualTo(0.1);
        }
        assertThat(Factor.fixed("goalpost", 0.1)).isEqualTo(fixed);
    }

    @Test
    void aChoiceGivesEachOptionAnEqualShareOfTheUnitInterval() {
        Factor carryForward = Factor.choice("carryForwardYears", 0, 1, 2, 3);

        assertThat(carryForward.value(0)).isEqualTo(0);
        assertThat(carryForward.value(0.2499)).isEqualTo(0);
        assertThat(carryForward.value(0.25)).isEqualTo(1);
        assertThat(carryForward.value(0.74)).isEqualTo(2);
        assertThat(carryForward.value(0.9999999)).isEqualTo(3);
        assertThat(carryForward.isFixed()).isFalse();
    }

    @Test
    void aChoiceOfOneOptionIsFixed() {
        Factor aggregation = Factor.choice("aggregation", 0);

        assertThat(aggregation.isFixed()).isTrue();
        assertThat(aggregation.value(0.7)).isEqualTo(0);
    }

    @Test
    void anInvalidFactorIsRefusedWithItsName() {
        assertThatThrownBy(() -> Factor.uniform("w", 2, 1)).hasMessageContaining("factor w");
        assertThatThrownBy(() -> Factor.uniform("w", 0, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Factor.choice("agg")).hasMessageContaining("at least one option");
        assertThatThrownBy(() -> Factor.uniform(" ", 0, 1)).hasMessageContaining("needs a name");
    }
}
