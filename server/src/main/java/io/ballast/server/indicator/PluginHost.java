package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import java.time.Duration;
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
    private final Duration lifecycleLimit;

    /** {@code enabled} says whether config allows an indicator id to run. */
    public PluginHost(Predicate<String> enabled) {
        this(enabled, LIFECYCLE_LIMIT);
    }

    /** As above; {@code lifecycleLimit} bounds each {@code descriptor()} and {@code close()} call. */
    public PluginHost(Predicate<String> enabled, Duration lifecycleLimit) {
        this.enabled = enabled;
        this.lifecycleLimit = lifecycleLimit;
    }

    /** How long {@code descriptor()} or {@code close()} may take before the host stops waiting for it. */
    public static final Duration LIFECYCLE_LIMIT = Duration.ofSeconds(3);

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
            descriptor = Bounded.call(indicator::descriptor, lifecycleLimit, "descriptor");
        } catch (Bounded.Overran e) {
            refuse(source, indicator.getClass().getName() + ": descriptor() did not return within "
                    + lifecycleLimit.toMillis() + " ms");
            return Optional.empty();
        } catch (Throwable e) {
            refuse(source, indicator.getClass().getName() + " has no valid descriptor: " + e);
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
        closeQuietly(removed, lifecycleLimit);
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

    /**
     * Closes every plugin, all at once, waiting at most the lifecycle limit in all: a {@code close()} that hangs is
     * left behind (on a daemon thread) rather than holding up shutdown; used at shutdown.
     */
    public void stopAll() {
        List<LoadedPlugin> all = new ArrayList<>(plugins.values());
        List<Thread> closing = new ArrayList<>();
        for (LoadedPlugin p : all) {
            Thread t = new Thread(() -> closeQuietly(p, lifecycleLimit), "ballast-close-" + p.id());
            t.setDaemon(true);
            t.start();
            closing.add(t);
        }
        long deadline = System.nanoTime() + lifecycleLimit.toNanos();
        for (Thread t : closing) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (LoadedPlugin p : all) {
            plugins.put(p.id(), p.with(PluginState.STOPPED, p.failure()));
        }
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static void closeQuietly(LoadedPlugin p, Duration limit) {
        try {
            Bounded.call(() -> {
                p.indicator().close();
                return null;
            }, limit, "close");
        } catch (Bounded.Overran e) {
            LOG.warn("Indicator {}: close() did not return within {} ms; left behind", p.id(), limit.toMillis());
        } catch (Throwable e) {
            LOG.warn("Indicator {} failed to close: {}", p.id(), e.toString());
        }
    }
}
