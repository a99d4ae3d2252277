package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import java.time.Instant;
import java.util.Optional;

/**
 * What the host knows of one plugin: its descriptor, where it came from (classpath or a jar), the instance, the class
 * loader of its jar, its state and, when it failed, why. Immutable: a state change replaces the record.
 */
public record LoadedPlugin(
        IndicatorDescriptor descriptor,
        String source,
        Indicator indicator,
        Optional<ClassLoader> loader,
        PluginState state,
        Optional<String> failure,
        Instant since) {

    /** The plugin's id. */
    public String id() {
        return descriptor.id();
    }

    /** This record in another state. */
    public LoadedPlugin with(PluginState next, Optional<String> cause) {
        return new LoadedPlugin(descriptor, source, indicator, loader, next, cause, Instant.now());
    }
}
