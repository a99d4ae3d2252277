package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link LoadedPlugin} per indicator id, whether it came from the classpath ({@link ServiceLoader}) or a
 * jar in the plugins folder. A plugin that cannot be instantiated, describes itself badly or repeats an id is refused
 * with a reason kept per source; the others go on. Listeners hear when the set of measuring plugins changes.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Map<String, LoadedPlugin> plugins = new ConcurrentHashMap<>();
    private final Map<String, List<String>> refusals = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Predicate<String> enabled;

    /** {@code enabled} says whether config allows an indicator id to run. */
    public PluginHost(Predicate<String> enabled) {
        this.enabled = enabled;
    }

    /** Calls {@code listener} (on the thread that made the change) whenever plugins are added, removed or switched. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Loads every indicator on a class loader's classpath; {@code source} names where they came from. */
    public void discover(ClassLoader loader, String source) {
        Iterator<Indicator> it = ServiceLoader.load(Indicator.class, loader).iterator();
        while (true) {
            Indicator indicator;
            try {
                if (!it.hasNext()) {
                    break;
                }
                indicator = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                refuse(source, "a plugin could not be instantiated: " + e.getMessage());
                continue;
            }
            add(indicator, source, Optional.empty());
        }
    }

    /** Registers one indicator; answers its record, or empty when it was refused (the reason is kept). */
    public Optional<LoadedPlugin> add(Indicator indicator, String source, Optional<ClassLoader> loader) {
        IndicatorDescriptor descriptor;
        try {
            descriptor = indicator.descriptor();
        } catch (RuntimeException | LinkageError e) {
            refuse(source, indicator.getClass().getName() + " has no valid descriptor: " + e.getMessage());
            return Optional.empty();
        }
        if (descriptor == null) {
            refuse(source, indicator.getClass().getName() + " returned no descriptor");
            return Optional.empty();
        }
        // the id is claimed while DISCOVERED, so a second plugin with it is refused; then it starts (or stays off)
        LoadedPlugin discovered = new LoadedPlugin(descriptor, source, indicator, loader, PluginState.DISCOVERED,
                Optional.empty(), Instant.now());
        LoadedPlugin existing = plugins.putIfAbsent(descriptor.id(), discovered);
        if (existing != null) {
            refuse(source, "indicator id '" + descriptor.id() + "' is already taken by " + existing.source());
            return Optional.empty();
        }
        PluginState state = enabled.test(descriptor.id()) ? PluginState.STARTED : PluginState.DISABLED;
        LoadedPlugin record = plugins.computeIfPresent(descriptor.id(), (id, p) -> p == discovered
                ? p.with(state, Optional.empty()) : p);
        LOG.info("Indicator {} {} from {}: {}", descriptor.id(), descriptor.version(), source, state);
        changed();
        return Optional.ofNullable(record);
    }

    /** This alias of {@link #add(Indicator, String, Optional)} registers a classpath indicator. */
    public Optional<LoadedPlugin> add(Indicator indicator, String source) {
        return add(indicator, source, Optional.empty());
    }

    /** Stops and forgets a plugin (its jar was deleted or replaced); answers its last record. */
    public Optional<LoadedPlugin> remove(String id) {
        LoadedPlugin removed = plugins.remove(id);
        if (removed == null) {
            return Optional.empty();
        }
        closeQuietly(removed);
        LOG.info("Indicator {} {} from {}: UNLOADED", id, removed.descriptor().version(), removed.source());
        changed();
        return Optional.of(removed.with(PluginState.UNLOADED, removed.failure()));
    }

    /** Marks a plugin failed with its cause, if {@code instance} is still the one registered under its id. */
    public void fail(String id, Indicator instance, String cause) {
        LoadedPlugin failed = plugins.computeIfPresent(id, (k, p) ->
                p.indicator() == instance && p.state() == PluginState.STARTED
                        ? p.with(PluginState.FAILED, Optional.of(cause)) : p);
        if (failed != null && failed.indicator() == instance && failed.state() == PluginState.FAILED
                && failed.failure().map(cause::equals).orElse(false)) {
            LOG.warn("Indicator {} failed: {}", id, cause);
        }
    }

    /** Switches a plugin off (an admin's decision); it is then not expected in the composite. */
    public LoadedPlugin disable(String id) {
        LoadedPlugin p = plugins.computeIfPresent(id, (k, old) -> old.with(PluginState.DISABLED, old.failure()));
        if (p == null) {
            throw new NoSuchElementException(id);
        }
        changed();
        return p;
    }

    /** Switches a disabled or failed plugin back on; its failure is forgotten. */
    public LoadedPlugin enable(String id) {
        LoadedPlugin p = plugins.computeIfPresent(id, (k, old) -> old.with(PluginState.STARTED, Optional.empty()));
        if (p == null) {
            throw new NoSuchElementException(id);
        }
        changed();
        return p;
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

    /** Why plugins were refused, by source (classpath or jar file name). */
    public Map<String, List<String>> refusals() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        refusals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
        return copy;
    }

    /** Records why something from {@code source} was refused. */
    public void refuse(String source, String reason) {
        refusals.computeIfAbsent(source, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(reason);
        LOG.warn("Plugin refused from {}: {}", source, reason);
    }

    /** Forgets the refusals of a source (its file was replaced or removed). */
    public void clearRefusals(String source) {
        refusals.remove(source);
    }

    /** Closes every plugin; used at shutdown. */
    public void stopAll() {
        for (LoadedPlugin p : new ArrayList<>(plugins.values())) {
            closeQuietly(p);
            plugins.put(p.id(), p.with(PluginState.STOPPED, p.failure()));
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static void closeQuietly(LoadedPlugin p) {
        try {
            p.indicator().close();
        } catch (Exception | LinkageError e) {
            LOG.warn("Indicator {} failed to close: {}", p.id(), e.toString());
        }
    }
}
