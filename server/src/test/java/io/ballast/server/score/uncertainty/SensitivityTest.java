package io.ballast.server.score.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitivityTest {

    private static final double PI = Math.PI;

    /** A model of one output from a function of the factor values. */
    private static Model model(java.util.function.ToDoubleFunction<double[]> f) {
        return new Model() {
            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                out[0] = f.applyAsDouble(factorValues);
            }
        };
    }

    /** Ishigami (1990): sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π); with an offset added. */
    private static Model ishigami(double offset) {
        return model(x -> offset + Math.sin(x[0]) + 7 * Math.pow(Math.sin(x[1]), 2)
                + 0.1 * Math.pow(x[2], 4) * Math.sin(x[0]));
    }

    private static final List<Factor> ISHIGAMI_FACTORS = List.of(Factor.uniform("x1", -PI, PI),
            Factor.uniform("x2", -PI, PI), Factor.uniform("x3", -PI, PI));

    private static SobolIndices indices(Model model, List<Factor> factors, int n) {
        return MonteCarlo.sequential().sensitivity(model, SaltelliDesign.of(factors, n)).sensitivity(0);
    }

    @Test
    void theEstimatorsReproduceTheAnalyticIshigamiIndicesAtTheDefaultSampleSize() {
        SobolIndices indices = indices(ishigami(0), ISHIGAMI_FACTORS, SaltelliDesign.DEFAULT_BASE_SAMPLES);
        double[] first = {0.3139, 0.4424, 0};
        double[] total = {0.5576, 0.4424, 0.2437};

        assertThat(indices.rows()).isEqualTo(SaltelliDesign.DEFAULT_BASE_SAMPLES);
        for (int i = 0; i < 3; i++) {
            SobolIndices.Effect effect = indices.effects().get(i);
            assertThat(effect.factor()).isEqualTo("x" + (i + 1));
            assertThat(effect.first()).as("S" + (i + 1)).isCloseTo(first[i], within(0.02));
            assertThat(effect.total()).as("ST" + (i + 1)).isCloseTo(total[i], within(0.02));
        }
        // analytic variance: a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
        assertThat(indices.variance()).isCloseTo(49.0 / 8 + 0.1 * Math.pow(PI, 4) / 5
                + 0.01 * Math.pow(PI, 8) / 18 + 0.5, within(0.05));
    }

    @Test
    void groupedFactorsGetTheIndicesOfTheirGroup() {
        // x1 and x3 as one choice: its first-order index is S1 + S3 + S13 = 0.3139 + 0 + 0.2437 = 0.5576 and its
        // total is 1 - S2 = 0.5576; x2 alone keeps 0.4424 for both
        var design = new SaltelliDesign(ISHIGAMI_FACTORS, List.of("x1 and x3", "x2"), new int[] {0, 1, 0},
                SaltelliDesign.DEFAULT_BASE_SAMPLES, 0);
        SobolIndices indices = MonteCarlo.sequential().sensitivity(ishigami(0), design).sensitivity(0);

        assertThat(indices.effects()).extracting(SobolIndices.Effect::factor).containsExactly("x1 and x3", "x2");
        assertThat(indices.effects().get(0).first()).isCloseTo(0.5576, within(0.02));
        assertThat(indices.effects().get(0).total()).isCloseTo(0.5576, within(0.02));
        assertThat(indices.effects().get(1).first()).isCloseTo(0.4424, within(0.02));
        assertThat(indices.effects().get(1).total()).isCloseTo(0.4424, within(0.02));
        assertThat(design.runs()).isEqualTo(4 * SaltelliDesign.DEFAULT_BASE_SAMPLES);
    }

    @Test
    void aLinearModelHasIndicesEqualToItsShareOfTheVariance() {
        // y = x1 + 2 x2 on U(0, 1): variances 1/12 and 4/12, no interaction
        SobolIndices indices = indices(model(x -> x[0] + 2 * x[1]),
                List.of(Factor.uniform("x1", 0, 1), Factor.uniform("x2", 0, 1)), 1024);

        assertThat(indices.effects().get(0).first()).isCloseTo(0.2, within(0.005));
        assertThat(indices.effects().get(0).total()).isCloseTo(0.2, within(0.005));
        assertThat(indices.effects().get(1).first()).isCloseTo(0.8, within(0.005));
        assertThat(indices.effects().get(1).total()).isCloseTo(0.8, within(0.005));
    }

    @Test
    void anOutputsLevelDoesNotChangeItsIndices() {
        SobolIndices plain = indices(ishigami(0), ISHIGAMI_FACTORS, 1024);
        SobolIndices raised = indices(ishigami(1000), ISHIGAMI_FACTORS, 1024);

        for (int i = 0; i < 3; i++) {
            assertThat(raised.effects().get(i).first()).isCloseTo(plain.effects().get(i).first(), within(1e-9));
            assertThat(raised.effects().get(i).total()).isCloseTo(plain.effects().get(i).total(), within(1e-9));
        }
    }

    @Test
    void aFactorWithAZeroWidthRangeHasNoEffectAtAll() {
        SobolIndices indices = indices(model(x -> x[0] * x[1] + x[1]),
                List.of(Factor.uniform("x1", 0, 1), Factor.fixed("x2", 3)), 256);

        assertThat(indices.effects().get(1).first()).isZero();
        assertThat(indices.effects().get(1).total()).isZero();
        assertThat(indices.effects().get(0).first()).isCloseTo(1, within(0.01));
    }

    @Test
    void aConstantOutputHasNoIndices() {
        SobolIndices indices = indices(model(x -> 42), List.of(Factor.uniform("x1", 0, 1)), 256);

        assertThat(indices.variance()).isZero();
        assertThat(indices.effects().get(0).first()).isNaN();
        assertThat(indices.effects().get(0).total()).isNaN();
    }

    @Test
    void rowsWithAnUndefinedRunAreLeftOutOfEveryIndexAlike() {
        // y = x1, undefined where x2 > 0.7: a row counts only if x2 ≤ 0.7 in both A and B
        List<Factor> factors = List.of(Factor.uniform("x1", 0, 1), Factor.uniform("x2", 0, 1));
        SaltelliDesign design = SaltelliDesign.of(factors, 512);
        int complete = 0;
        double[] a = new double[2];
        double[] b = new double[2];
        for (int j = 0; j < 512; j++) {
            design.row(j, a);
            design.row(512 + j, b);
            complete += a[1] <= 0.7 && b[1] <= 0.7 ? 1 : 0;
        }

        SobolIndices indices = MonteCarlo.sequential()
                .sensitivity(model(x -> x[1] > 0.7 ? Double.NaN : x[0]), design).sensitivity(0);

        assertThat(indices.rows()).isEqualTo(complete).isLessThan(512);
        // about 250 rows left, and no longer a balanced point set: a looser tolerance than the full design's
        assertThat(indices.effects().get(0).first()).isCloseTo(1, within(0.05));
        assertThat(indices.effects().get(0).total()).isCloseTo(1, within(0.05));
        assertThat(indices.effects().get(1).first()).isZero();
        assertThat(indices.effects().get(1).total()).isZero();
    }

    @Test
    void anOutputWithNoCompleteRowHasNoIndices() {
        SobolIndices indices = indices(model(x -> Double.NaN), List.of(Factor.uniform("x1", 0, 1)), 16);

        assertThat(indices.rows()).isZero();
        assertThat(indices.effects().get(0).first()).isNaN();
    }
}
