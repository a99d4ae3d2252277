package io.ballast.testkit;

import io.ballast.api.Indicator;
import io.ballast.api.MissingDataException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link Indicator} must pass, as a JUnit 5 test interface. A plugin's test implements it in one line:
 *
 * <pre>{@code
 * class MyIndicatorContractTest implements IndicatorContract {
 *     public Indicator indicator() { return new MyIndicator(); }
 * }
 * }</pre>
 *
 * <p>The checks hold for any indicator, whether or not it is built on {@link io.ballast.api.WeightedIndex}: a valid
 * descriptor; the same reading for the same context; a valid reading (or a {@link MissingDataException}) for any
 * values, extreme ones included, carrying nothing further than the context allows; missing data reported rather than
 * crashed on; no state shared between measurements; a year's reading independent of later years and later events; an
 * idempotent {@code close()}. Override {@link #sample()} when the
 * indicator needs particular values or settings to give a reading at all. Every failure says what to fix.
 *
 * <p>This interface is the checks' public face; their bodies live in package-private classes, one per group:
 * {@code DescriptorCheck}, {@code ReadingChecks}, {@code IndependenceChecks} and {@code CloseCheck}, on the contexts of
 * {@code SampleContexts} and the instance handling of {@code UnderTest}.
 */
public interface IndicatorContract {

    /** A new instance of the indicator under test; called several times, each call must return a fresh one. */
    Indicator indicator();

    /**
     * A context the indicator can measure: by default region {@code CHN}, period 2023, a value between 0 and 100 for
     * every year 2015-2024 of every series in {@code descriptor().inputs()} (pseudo-random from a fixed seed, so
     * always the same), and the descriptor's parameter defaults as settings. The checks derive their other contexts
     * from it (removing series, adding later years, randomising values) and keep its region, period and settings.
     */
    default TestContext sample() {
        return SampleContexts.defaultSample(UnderTest.descriptorOf(this));
    }

    /**
     * The id is lower-case words joined by dashes; name, description and version are set; inputs are listed once each;
     * descriptor() is the same every time. ({@link io.ballast.api.IndicatorDescriptor}'s constructor enforces the
     * first three, so a descriptor() that breaks them fails as "descriptor() threw ...".)
     */
    @Test
    @DisplayName("descriptor is valid")
    default void descriptorIsValid() {
        DescriptorCheck.run(this);
    }

    /** The same context, measured twice by one instance, gives equal readings (or the same MissingDataException). */
    @Test
    @DisplayName("measuring is deterministic")
    default void measuringIsDeterministic() {
        IndependenceChecks.deterministic(this);
    }

    /**
     * Over 300 seeded random contexts and contexts of extreme values (0, 1, -1, 1e-9, -1e-9, 100, -100, 1e6, 1e9,
     * -1e9), measure gives a valid reading (the records' constructors refuse a score or component outside 0-100, so
     * an out-of-range one fails as an exception naming it) that carries nothing further than the context allows; a
     * MissingDataException is allowed, any other exception fails.
     */
    @Test
    @DisplayName("scores stay within 0 to 100")
    default void scoresStayWithin0To100() {
        ReadingChecks.scoresStayWithinRange(this);
    }

    /**
     * A context without values gives a MissingDataException; one holding a single input gives a reading with coverage
     * below 1 naming the absent inputs in missing(), or a MissingDataException.
     */
    @Test
    @DisplayName("tolerates missing data")
    default void toleratesMissingData() {
        ReadingChecks.toleratesMissingData(this);
    }

    /**
     * Two instances measuring two contexts in turn agree with fresh instances, and measuring another context in between
     * does not change a reading.
     */
    @Test
    @DisplayName("has no shared mutable state")
    default void hasNoSharedMutableState() {
        IndependenceChecks.noSharedMutableState(this);
    }

    /** Values for the years after the period (any values) leave the period's reading unchanged. */
    @Test
    @DisplayName("a year's score does not depend on later years")
    default void aYearsScoreDoesNotDependOnLaterYears() {
        IndependenceChecks.noLaterYears(this);
    }

    /** close() may be called twice, before or after measuring, without throwing. */
    @Test
    @DisplayName("close is idempotent")
    default void closeIsIdempotent() {
        CloseCheck.run(this);
    }
}
