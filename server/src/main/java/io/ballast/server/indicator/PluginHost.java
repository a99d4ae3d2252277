package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds indicator plugins through {@link ServiceLoader} and keeps one {@link LoadedPlugin} per id. A plugin that
 * cannot be instantiated, describes itself badly or repeats an id is refused with a reason; the others go on.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Map<String, LoadedPlugin> plugins = new ConcurrentHashMap<>();
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private final Predicate<String> enabled;

    /** {@code enabled} says whether config allows an indicator id to run. */
    public PluginHost(Predicate<String> enabled) {
        this.enabled = enabled;
    }

    /** Loads every indicator visible to a class loader; {@code source} names where they came from. */
    public void discover(ClassLoader loader, String source) {
        Iterator<Indicator> it = ServiceLoader.load(Indicator.class, loader).iterator();
        while (true) {
            Indicator indicator;
            try {
                if (!it.hasNext()) {
                    return;
                }
                indicator = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                refuse(source + ": a plugin could not be instantiated: " + e.getMessage());
                continue;
            }
            add(indicator, source);
        }
    }

    /** Registers one indicator instance; refused (with a reason) when its descriptor is bad or its id taken. */
    public void add(Indicator indicator, String source) {
        IndicatorDescriptor descriptor;
        try {
            descriptor = indicator.descriptor();
        } catch (RuntimeException | LinkageError e) {
            refuse(source + ": " + indicator.getClass().getName() + " has no valid descriptor: " + e.getMessage());
            return;
        }
        if (descriptor == null) {
            refuse(source + ": " + indicator.getClass().getName() + " returned no descriptor");
            return;
        }
        LoadedPlugin discovered = new LoadedPlugin(descriptor, source, indicator, PluginState.DISCOVERED,
                Optional.empty(), Instant.now());
        LoadedPlugin existing = plugins.putIfAbsent(descriptor.id(), discovered);
        if (existing != null) {
            refuse(source + ": indicator id '" + descriptor.id() + "' is already taken by " + existing.source());
            return;
        }
        PluginState state = enabled.test(descriptor.id()) ? PluginState.STARTED : PluginState.DISABLED;
        plugins.put(descriptor.id(), discovered.with(state, Optional.empty()));
        LOG.info("Indicator {} {} from {}: {}", descriptor.id(), descriptor.version(), source, state);
    }

    private void refuse(String reason) {
        refusals.add(reason);
        LOG.warn("Plugin refused: {}", reason);
    }

    /** Marks a plugin failed with its cause; it is skipped until it is enabled again. */
    public void fail(String id, String cause) {
        LoadedPlugin failed = plugins.computeIfPresent(id, (k, p) ->
                p.state() == PluginState.STARTED ? p.with(PluginState.FAILED, Optional.of(cause)) : p);
        if (failed != null && failed.state() == PluginState.FAILED) {
            LOG.warn("Indicator {} failed: {}", id, cause);
        }
    }

    /** Every plugin the host knows, by id. */
    public List<LoadedPlugin> all() {
        return plugins.values().stream().sorted(Comparator.comparing(LoadedPlugin::id)).toList();
    }

    /** The plugins that measure. */
    public List<LoadedPlugin> started() {
        return all().stream().filter(p -> p.state() == PluginState.STARTED).toList();
    }

    /**
     * The indicators the composite expects: started ones and failed ones (a failure shows as a missing indicator,
     * never as a silently smaller composite). Disabled ones are left out on purpose.
     */
    public List<LoadedPlugin> expected() {
        return all().stream()
                .filter(p -> p.state() == PluginState.STARTED || p.state() == PluginState.FAILED).toList();
    }

    /** One plugin by id. */
    public Optional<LoadedPlugin> get(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    /** Why plugins were refused, in the order it happened. */
    public List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Stops every plugin, calling its {@code close()}. */
    public void stopAll() {
        for (LoadedPlugin p : all()) {
            try {
                p.indicator().close();
            } catch (Exception | LinkageError e) {
                LOG.warn("Indicator {} failed to close: {}", p.id(), e.toString());
            }
            plugins.put(p.id(), p.with(PluginState.STOPPED, p.failure()));
        }
    }
}
