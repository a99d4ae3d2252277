package io.ballast.api;

/**
 * One resilience indicator: reads input series through a context and returns a 0-100 score.
 *
 * <p>Implementations are pure computations. They get every input through {@link IndicatorContext}, hold no
 * mutable state between calls, and never touch a database, a network or the host. Register an implementation in
 * {@code META-INF/services/io.ballast.api.Indicator} so that {@link java.util.ServiceLoader} finds it.
 */
public interface Indicator extends AutoCloseable {

    /** What this indicator is: id, name, inputs, parameters. Called once when the plugin is loaded. */
    IndicatorDescriptor descriptor();

    /**
     * Measures one region in one period.
     *
     * @return the reading, or throws {@link MissingDataException} when too little input is present to score at all
     */
    IndicatorReading measure(IndicatorContext context);

    /** Whether the plugin can currently measure; the host reports it. Healthy unless overridden. */
    default Health checkHealth() {
        return Health.HEALTHY;
    }

    /** Releases what the plugin holds; called once when the plugin is stopped or unloaded. */
    @Override
    default void close() {
    }
}
