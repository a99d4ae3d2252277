package io.ballast.server.score.uncertainty;

import java.util.ArrayList;
import java.util.List;

/**
 * Every output of every model run of one analysis, and what follows from them: bands, rank intervals, convergence
 * and, when the A_B^i runs were made, Sobol indices. Immutable once {@link MonteCarlo} returns it; safe to read
 * from several threads.
 *
 * <p>The uncertainty sample is the 2N draws of A and B (draw d is row d of A for d &lt; N, row d − N of B after).
 * The A_B^i rows are not part of it: each shares all but one coordinate with a row of A.
 */
public final class Draws {

    private final List<Factor> factors;
    private final List<String> groups;
    private final double[][] values;
    private final int stride;
    private final int rows;
    private final boolean sensitivityRuns;

    /**
     * @param values          per output, the value of every run, numbered as in {@link SaltelliDesign}
     * @param stride          N of the design, the length of a block of runs
     * @param rows            the base rows in use: N, or a prefix of them
     * @param sensitivityRuns whether the A_B^i blocks were run
     */
    Draws(List<Factor> factors, List<String> groups, double[][] values, int stride, int rows,
          boolean sensitivityRuns) {
        this.factors = List.copyOf(factors);
        this.groups = List.copyOf(groups);
        this.values = values;
        this.stride = stride;
        this.rows = rows;
        this.sensitivityRuns = sensitivityRuns;
    }

    public List<Factor> factors() {
        return factors;
    }

    /** The groups (or factors) whose Sobol indices {@link #sensitivity} gives, in block order. */
    public List<String> groups() {
        return groups;
    }

    public int outputs() {
        return values.length;
    }

    /** N: the base rows these draws use. */
    public int baseSamples() {
        return rows;
    }

    /** 2N: the draws bands and rank intervals rest on. */
    public int draws() {
        return 2 * rows;
    }

    /** Whether the A_B^i runs were made, so that {@link #sensitivity} can answer. */
    public boolean hasSensitivityRuns() {
        return sensitivityRuns;
    }

    /** The same analysis on the first N/2 base rows only (a balanced Sobol point set too): for convergence checks. */
    public Draws firstHalf() {
        if (rows < 2) {
            throw new IllegalStateException("one base row cannot be halved");
        }
        return new Draws(factors, groups, values, stride, rows / 2, sensitivityRuns);
    }

    /** p5, p50 and p95 of one output over the draws where it is defined. */
    public Band band(int output) {
        requireOutput(output);
        double[] sample = new double[draws()];
        return band(output, sample, Quantiles.ofValues());
    }

    /** {@link #band} of every output, in output order. */
    public List<Band> bands() {
        double[] sample = new double[draws()];
        Quantiles quantiles = Quantiles.ofValues();
        List<Band> bands = new ArrayList<>(outputs());
        for (int output = 0; output < outputs(); output++) {
            bands.add(band(output, sample, quantiles));
        }
        return List.copyOf(bands);
    }

    private Band band(int output, double[] sample, Quantiles quantiles) {
        int defined = 0;
        for (int d = 0; d < draws(); d++) {
            double v = draw(output, d);
            if (!Double.isNaN(v)) {
                sample[defined++] = v;
            }
        }
        return quantiles.band(sample, defined, draws());
    }

    /**
     * The rank interval of every member of every group. A group is a set of comparable outputs (the composites of
     * all regions in one year, say), given by output index; in each draw a member's rank is 1 plus the number of
     * members with a strictly higher value (ties share the best rank), and a member undefined in a draw is unranked
     * in it and does not count against the others.
     *
     * @return per group, the intervals in the group's member order
     */
    public List<List<RankInterval>> rankIntervals(List<List<Integer>> groups) {
        return Ranking.intervals(this, groups);
    }

    /** {@link #bands()} at N/2 beside those at N, per output. */
    public List<Convergence> convergence() {
        return convergence(bands());
    }

    /**
     * The first {@code full.size()} outputs' bands at N/2 beside {@code full}, their bands at N as {@link #bands()}
     * gave them (a prefix of it, so that only the outputs wanted are worked out again).
     */
    public List<Convergence> convergence(List<Band> full) {
        if (full.size() > outputs()) {
            throw new IllegalArgumentException(full.size() + " bands for " + outputs() + " outputs");
        }
        Draws half = firstHalf();
        double[] sample = new double[half.draws()];
        Quantiles quantiles = Quantiles.ofValues();
        List<Convergence> convergence = new ArrayList<>(full.size());
        for (int output = 0; output < full.size(); output++) {
            convergence.add(new Convergence(half.band(output, sample, quantiles), full.get(output)));
        }
        return List.copyOf(convergence);
    }

    /** First-order and total-effect indices of every group (or factor) for one output (needs the sensitivity runs). */
    public SobolIndices sensitivity(int output) {
        if (!sensitivityRuns) {
            throw new IllegalStateException("these draws have no A_B^i runs: use MonteCarlo.sensitivity");
        }
        requireOutput(output);
        return Sensitivity.indices(this, output);
    }

    /** Value of {@code output} in draw {@code d} of the uncertainty sample. */
    double draw(int output, int d) {
        return d < rows ? a(output, d) : b(output, d - rows);
    }

    double a(int output, int row) {
        return values[output][row];
    }

    double b(int output, int row) {
        return values[output][stride + row];
    }

    double ab(int output, int group, int row) {
        return values[output][(2 + group) * stride + row];
    }

    void requireOutput(int output) {
        if (output < 0 || output >= outputs()) {
            throw new IndexOutOfBoundsException("output " + output + " of " + outputs());
        }
    }
}
