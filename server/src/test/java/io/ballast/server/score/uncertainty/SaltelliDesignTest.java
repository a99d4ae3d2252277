package io.ballast.server.score.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.junit.jupiter.api.Test;

class SaltelliDesignTest {

    private static final List<Factor> THREE = List.of(Factor.uniform("x", 0, 1), Factor.uniform("y", 10, 20),
            Factor.choice("z", 0, 1));

    private static double[] row(SaltelliDesign design, int run) {
        double[] values = new double[design.factors().size()];
        design.row(run, values);
        return values;
    }

    @Test
    void aDesignOfNBaseSamplesAndKFactorsHasNTimesKPlusTwoRuns() {
        SaltelliDesign design = SaltelliDesign.of(THREE, 8);

        assertThat(design.blocks()).isEqualTo(5);
        assertThat(design.runs()).isEqualTo(40);
        assertThatThrownBy(() -> design.row(40, new double[3])).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void matrixATakesTheFirstKSobolCoordinatesAndBTheLastK() {
        SaltelliDesign design = SaltelliDesign.of(THREE, 8);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(6);

        for (int j = 0; j < 8; j++) {
            double[] point = sobol.nextVector();
            for (int i = 0; i < 3; i++) {
                assertThat(row(design, j)[i]).isEqualTo(THREE.get(i).value(point[i]));
                assertThat(row(design, 8 + j)[i]).isEqualTo(THREE.get(i).value(point[3 + i]));
            }
        }
    }

    @Test
    void matrixABiIsATakingColumnIFromB() {
        SaltelliDesign design = SaltelliDesign.of(THREE, 8);

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 8; j++) {
                double[] expected = row(design, j);
                expected[i] = row(design, 8 + j)[i];
                assertThat(row(design, (2 + i) * 8 + j)).containsExactly(expected);
            }
        }
    }

    @Test
    void theSameFactorsSizeAndSkipGiveTheSameDesignAndAnotherSkipAnother() {
        SaltelliDesign one = new SaltelliDesign(THREE, 16, 32);
        SaltelliDesign same = new SaltelliDesign(THREE, 16, 32);
        SaltelliDesign other = new SaltelliDesign(THREE, 16, 0);

        for (int run = 0; run < one.runs(); run++) {
            assertThat(row(same, run)).containsExactly(row(one, run));
        }
        assertThat(row(other, 1)).isNotEqualTo(row(one, 1));
    }

    @Test
    void aSkipStartsTheDesignAtThatPointOfTheSequence() {
        SaltelliDesign design = new SaltelliDesign(THREE, 4, 8);
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(6);
        sobol.skipTo(7);

        for (int j = 0; j < 4; j++) {
            double[] point = sobol.nextVector();
            assertThat(row(design, j)[0]).isEqualTo(point[0]);
        }
    }

    @Test
    void sizesThatBreakTheBalanceOfTheSobolPointsAreRefused() {
        assertThatThrownBy(() -> SaltelliDesign.of(THREE, 1000)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new SaltelliDesign(THREE, 16, 8)).hasMessageContaining("multiple of the base");
        assertThatThrownBy(() -> SaltelliDesign.of(List.of(), 16)).hasMessageContaining("1 to 500 factors");
        assertThatThrownBy(() -> SaltelliDesign.of(List.of(Factor.fixed("a", 1), Factor.fixed("a", 2)), 16))
                .hasMessageContaining("a appears twice");
    }
}
