package io.ballast.bench;

import io.ballast.server.score.uncertainty.Factor;
import io.ballast.server.score.uncertainty.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A composite model shaped like Ballast's, on made-up readings: 6 regions × 26 years × 4 indicators (about 4 % of
 * readings missing), min-max normalised between goalposts, weighted, then a geometric or arithmetic mean, with a
 * carry-forward rule for missing readings and no composite below three quarters of the weight. Ten factors: four
 * weights (1 ± 50 %), four goalpost shifts (± 20 % of the range), the aggregation and the carry-forward years (0-3).
 * Output {@code region · years + (year − first year)} over the years scored.
 */
final class SyntheticComposite implements Model {

    static final int REGIONS = 6;
    static final int YEARS = 26;
    static final int INDICATORS = 4;
    private static final double LO = 0;
    private static final double HI = 100;
    private static final double MIN_WEIGHT_SHARE = 0.75;

    /** raw[region][year][indicator], NaN when missing. */
    private final double[][][] raw;
    private final int firstYear;

    private SyntheticComposite(double[][][] raw, int firstYear) {
        this.raw = raw;
        this.firstYear = firstYear;
    }

    /** Every year of every region: 156 outputs. */
    static SyntheticComposite allYears() {
        return new SyntheticComposite(readings(), 0);
    }

    /** The latest year of every region only: 6 outputs, the ones sensitivity indices are wanted for. */
    static SyntheticComposite latestYear() {
        return new SyntheticComposite(readings(), YEARS - 1);
    }

    static List<Factor> factors() {
        List<Factor> factors = new ArrayList<>();
        for (int i = 0; i < INDICATORS; i++) {
            factors.add(Factor.uniform("weight." + i, 0.5, 1.5));
        }
        for (int i = 0; i < INDICATORS; i++) {
            factors.add(Factor.uniform("goalposts." + i, -0.2, 0.2));
        }
        factors.add(Factor.choice("aggregation", 0, 1));
        factors.add(Factor.choice("carryForwardYears", 0, 1, 2, 3));
        return List.copyOf(factors);
    }

    /** The plain choices: weights 1, goalposts where they are, geometric, carry forward one year. */
    static double[] plain() {
        return new double[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 1};
    }

    /** For each year scored, the outputs of every region in it: the sets ranks are taken in. */
    List<List<Integer>> yearGroups() {
        int scored = YEARS - firstYear;
        List<List<Integer>> groups = new ArrayList<>();
        for (int y = 0; y < scored; y++) {
            List<Integer> group = new ArrayList<>();
            for (int r = 0; r < REGIONS; r++) {
                group.add(r * scored + y);
            }
            groups.add(List.copyOf(group));
        }
        return List.copyOf(groups);
    }

    @Override
    public int outputs() {
        return REGIONS * (YEARS - firstYear);
    }

    @Override
    public void evaluate(double[] f, double[] out) {
        boolean geometric = f[8] == 0;
        int carry = (int) f[9];
        int o = 0;
        for (int r = 0; r < REGIONS; r++) {
            for (int y = firstYear; y < YEARS; y++) {
                double totalWeight = 0;
                double presentWeight = 0;
                double sum = 0;
                for (int i = 0; i < INDICATORS; i++) {
                    double w = f[i];
                    totalWeight += w;
                    double value = raw[r][y][i];
                    for (int back = 1; Double.isNaN(value) && back <= carry && y - back >= 0; back++) {
                        value = raw[r][y - back][i];
                    }
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    double shift = f[INDICATORS + i] * (HI - LO);
                    double score = 100 * (value - (LO + shift)) / (HI - LO);
                    score = Math.max(1, Math.min(100, score));
                    presentWeight += w;
                    sum += w * (geometric ? Math.log(score) : score);
                }
                out[o++] = presentWeight < MIN_WEIGHT_SHARE * totalWeight ? Double.NaN
                        : geometric ? Math.exp(sum / presentWeight) : sum / presentWeight;
            }
        }
    }

    /** Readings that drift by region and year, with noise and gaps, the same in every run. */
    private static double[][][] readings() {
        SplittableRandom random = new SplittableRandom(2015);
        double[][][] raw = new double[REGIONS][YEARS][INDICATORS];
        for (int r = 0; r < REGIONS; r++) {
            for (int i = 0; i < INDICATORS; i++) {
                double level = 25 + 50 * random.nextDouble();
                double trend = random.nextDouble() * 1.6 - 0.8;
                for (int y = 0; y < YEARS; y++) {
                    double value = level + trend * y + 6 * (random.nextDouble() - 0.5);
                    raw[r][y][i] = random.nextDouble() < 0.04 ? Double.NaN : Math.max(2, Math.min(98, value));
                }
            }
        }
        return raw;
    }
}
