package io.ballast.server.score.uncertainty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a model over a Saltelli design: the 2N runs of A and B for an uncertainty analysis, or all N(k + 2) for a
 * sensitivity analysis too. Blocks, so call it off the event loop.
 *
 * <p>The runs are cut into chunks that the calling thread and up to {@code parallelism − 1} helpers on the executor
 * take in turn. Every run writes only its own slots, and everything after runs in one thread in run order, so the
 * result is the same bit for bit whatever the thread count. The caller works through the chunks itself and waits
 * only for those a helper has already taken, so a busy or saturated executor slows the analysis but never stalls it.
 */
public final class MonteCarlo {

    private static final int CHUNK = 64;

    private final Executor executor;
    private final int parallelism;

    /**
     * @param executor    where helper threads run (a small fixed pool, say)
     * @param parallelism threads working at once, the caller's included; 1 runs everything on the caller
     */
    public MonteCarlo(Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** Everything on the calling thread. */
    public static MonteCarlo sequential() {
        return new MonteCarlo(Runnable::run, 1);
    }

    /** The 2N runs of A and B: enough for bands, rank intervals and their convergence. */
    public Draws uncertainty(Model model, SaltelliDesign design) {
        return run(model, design, false);
    }

    /**
     * All N(k + 2) runs: bands and rank intervals as {@link #uncertainty}, plus Sobol indices. The draws hold
     * outputs × N(k + 2) doubles (156 outputs, 10 factors, N = 4096: 61 MB, against 10 MB for the 2N runs alone):
     * when indices are wanted for a few outputs only, run this on a model of those and {@link #uncertainty} on all.
     */
    public Draws sensitivity(Model model, SaltelliDesign design) {
        return run(model, design, true);
    }

    private Draws run(Model model, SaltelliDesign design, boolean withSensitivity) {
        int runs = withSensitivity ? design.runs() : 2 * design.baseSamples();
        double[][] values = new double[model.outputs()][runs];
        Job job = new Job(model, design, values, runs);
        for (int helper = 1; helper < Math.min(parallelism, job.chunks); helper++) {
            try {
                executor.execute(job::work);
            } catch (RejectedExecutionException e) {
                break;
            }
        }
        job.work();
        job.await();
        return new Draws(design.factors(), design.groups(), values, design.baseSamples(), design.baseSamples(),
                withSensitivity);
    }

    /** One analysis's runs, handed out chunk by chunk. */
    private static final class Job {
        private final Model model;
        private final SaltelliDesign design;
        private final double[][] values;
        private final int runs;
        private final int chunks;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Job(Model model, SaltelliDesign design, double[][] values, int runs) {
            this.model = model;
            this.design = design;
            this.values = values;
            this.runs = runs;
            this.chunks = (runs + CHUNK - 1) / CHUNK;
            this.done = new CountDownLatch(chunks);
        }

        void work() {
            double[] factors = new double[design.factors().size()];
            double[] out = new double[values.length];
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        runChunk(chunk, factors, out);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException("a run failed", e));
                } finally {
                    done.countDown();
                }
            }
        }

        private void runChunk(int chunk, double[] factors, double[] out) {
            int end = Math.min(runs, (chunk + 1) * CHUNK);
            for (int run = chunk * CHUNK; run < end; run++) {
                design.row(run, factors);
                Arrays.fill(out, Double.NaN);
                try {
                    model.evaluate(factors, out);
                } catch (RuntimeException | Error e) { // the model's failure, whatever it was
                    failure.compareAndSet(null, new ModelFailedException(run, named(factors), e));
                    return;
                }
                for (int output = 0; output < out.length; output++) {
                    values[output][run] = out[output];
                }
            }
        }

        private Map<String, Double> named(double[] factors) {
            Map<String, Double> named = new LinkedHashMap<>();
            for (int i = 0; i < factors.length; i++) {
                named.put(design.factors().get(i).name(), factors[i]);
            }
            return named;
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new CancellationException("interrupted while helpers finished"));
                Thread.currentThread().interrupt();
                throw failure.get();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }
}
