package io.ballast.server.score.uncertainty;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * The Saltelli (2010) sample: N points of a Sobol sequence of dimension 2k, the first k coordinates a row of matrix
 * A, the last k a row of B, and for each factor i the matrix A_B^i (A with column i from B): N(k + 2) model runs.
 *
 * <p>Runs are numbered in blocks of N: A is block 0, B block 1, A_B^i block 2 + i; row j of a block is run
 * {@code block·N + j}. The first two blocks alone are the 2N draws of an uncertainty analysis.
 *
 * <p>Factors may be grouped (Saltelli 2010, groups of factors): then A_B^g takes every column of group g from B at
 * once, there is one block per group, and the Sobol indices are those of the groups, such as "the indicator weights"
 * as one choice however many weights it varies. Without groups, each factor is a group of its own.
 *
 * <p>The sequence is deterministic, so the same factors, N and skip give the same design on every machine. N must
 * be a power of two and the skip a multiple of N: then the points used, and the first N/2 of them that the
 * convergence check compares against, are each a (t, m, s)-net of the Sobol sequence, its best-balanced point sets.
 * The default skip is 0: Owen (2020) shows that dropping the first (all-zero) point spoils that balance.
 */
public final class SaltelliDesign {

    /**
     * N by default: 4096 base samples, 8192 draws for bands and rank intervals, N(k + 2) runs with sensitivity. The
     * smallest power of two at which this unscrambled sequence gives the Ishigami indices well within 0.02 (0.0004
     * off); at 1024 and 2048 the first-order index of x3 is 0.015-0.019 off, close to that limit.
     */
    public static final int DEFAULT_BASE_SAMPLES = 4096;

    /** The most factors a design can have: the Sobol generator's direction numbers reach dimension 1000. */
    public static final int MAX_FACTORS = 500;

    private final List<Factor> factors;
    private final List<String> groups;
    private final int[] groupOf;
    private final int baseSamples;
    private final int skip;
    private final double[] a;
    private final double[] b;

    /**
     * @param factors     the uncertain choices, in the order the model reads their values
     * @param baseSamples N, a power of two, at least 2
     * @param skip        the index of the first Sobol point used, a multiple of N (0 unless a second, independent
     *                    design is wanted)
     */
    public SaltelliDesign(List<Factor> factors, int baseSamples, int skip) {
        this(factors, factors.stream().map(Factor::name).toList(),
                java.util.stream.IntStream.range(0, factors.size()).toArray(), baseSamples, skip);
    }

    /**
     * A design whose Sobol indices are those of groups of factors.
     *
     * @param groups  the groups' names, in the order their A_B blocks come
     * @param groupOf for each factor, the index of its group in {@code groups}; every group has at least one factor
     */
    public SaltelliDesign(List<Factor> factors, List<String> groups, int[] groupOf, int baseSamples, int skip) {
        this.factors = List.copyOf(factors);
        this.groups = List.copyOf(groups);
        this.groupOf = groupOf.clone();
        int k = this.factors.size();
        if (this.groupOf.length != k) {
            throw new IllegalArgumentException(k + " factors but " + this.groupOf.length + " group assignments");
        }
        boolean[] used = new boolean[this.groups.size()];
        for (int g : this.groupOf) {
            if (g < 0 || g >= used.length) {
                throw new IllegalArgumentException("group " + g + " of " + used.length);
            }
            used[g] = true;
        }
        for (int g = 0; g < used.length; g++) {
            if (!used[g]) {
                throw new IllegalArgumentException("group " + this.groups.get(g) + " has no factor");
            }
        }
        if (k < 1 || k > MAX_FACTORS) {
            throw new IllegalArgumentException("a design needs 1 to " + MAX_FACTORS + " factors, got " + k);
        }
        Set<String> names = new HashSet<>();
        this.factors.forEach(f -> {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("factor " + f.name() + " appears twice");
            }
        });
        if (baseSamples < 2 || Integer.bitCount(baseSamples) != 1) {
            throw new IllegalArgumentException("base samples must be a power of two >= 2, got " + baseSamples);
        }
        if (skip < 0 || skip % baseSamples != 0 || (long) skip + baseSamples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("skip must be a non-negative multiple of the base samples ("
                    + baseSamples + "), got " + skip);
        }
        if ((long) baseSamples * (this.groups.size() + 2) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("N(g + 2) runs must fit an int: N = " + baseSamples + ", g = "
                    + this.groups.size());
        }
        this.baseSamples = baseSamples;
        this.skip = skip;
        this.a = new double[baseSamples * k];
        this.b = new double[baseSamples * k];
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        double[] point = sobol.skipTo(skip);
        for (int j = 0; j < baseSamples; j++) {
            if (j > 0) {
                point = sobol.nextVector();
            }
            for (int i = 0; i < k; i++) {
                Factor factor = this.factors.get(i);
                a[j * k + i] = factor.value(point[i]);
                b[j * k + i] = factor.value(point[k + i]);
            }
        }
    }

    /** A design with the default skip (0). */
    public static SaltelliDesign of(List<Factor> factors, int baseSamples) {
        return new SaltelliDesign(factors, baseSamples, 0);
    }

    /** A design with the default sample size and skip. */
    public static SaltelliDesign of(List<Factor> factors) {
        return of(factors, DEFAULT_BASE_SAMPLES);
    }

    public List<Factor> factors() {
        return factors;
    }

    /** The names of the groups whose indices a sensitivity analysis gives (the factors' own without groups). */
    public List<String> groups() {
        return groups;
    }

    /** N. */
    public int baseSamples() {
        return baseSamples;
    }

    public int skip() {
        return skip;
    }

    /** g + 2: A, B and one A_B^g per group (per factor without groups). */
    public int blocks() {
        return groups.size() + 2;
    }

    /** N(g + 2), every run of a sensitivity analysis. */
    public int runs() {
        return baseSamples * blocks();
    }

    /** Writes the factor values of run {@code run} (numbered as in the class comment) into {@code into}. */
    public void row(int run, double[] into) {
        int k = factors.size();
        int block = run / baseSamples;
        if (run < 0 || block >= blocks()) {
            throw new IndexOutOfBoundsException("run " + run + " of " + runs());
        }
        int offset = (run % baseSamples) * k;
        System.arraycopy(block == 1 ? b : a, offset, into, 0, k);
        if (block >= 2) {
            int group = block - 2;
            for (int i = 0; i < k; i++) {
                if (groupOf[i] == group) {
                    into[i] = b[offset + i];
                }
            }
        }
    }
}
