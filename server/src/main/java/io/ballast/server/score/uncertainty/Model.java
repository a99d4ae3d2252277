package io.ballast.server.score.uncertainty;

/**
 * What the analysis varies: a pure function from one value per factor (in the design's factor order) to a fixed
 * number of outputs, such as the composite of every region and year.
 *
 * <p>{@link #evaluate} is called many thousand times, from several threads at once, each thread with arrays of its
 * own that it reuses from run to run: it must not keep state between calls, and should not allocate.
 */
public interface Model {

    /** How many values {@link #evaluate} writes; fixed for the model's life. */
    int outputs();

    /**
     * Fills {@code out} (length {@link #outputs()}) for one draw of the factors with finite values, or NaN for
     * "undefined in this draw" (no composite, say); an output left unwritten is NaN, too.
     */
    void evaluate(double[] factorValues, double[] out);
}
