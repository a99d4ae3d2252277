package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.server.folder.StableFiles;
import io.ballast.server.folder.StableFiles.Stamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins folder: a jar copied in is loaded, a replaced jar swaps to its new version, a deleted jar unloads and
 * its class loader is closed. A jar is loaded only once its size and time stamp held still between two scans, and
 * always from a private copy, never from the file being written; a jar that cannot be loaded is reported with its
 * reason and retried when the file changes. Blocking: call {@link #scan()} from one worker at a time.
 */
public final class PluginFolder {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFolder.class);

    private final Path folder;
    private final Path copies;
    private final PluginHost host;
    private final JarLoader loader = new JarLoader();
    private final AtomicLong copyCounter = new AtomicLong();
    /** Files not yet acted on, until they hold still. */
    private final StableFiles pending = new StableFiles();
    /** Files acted on, with the stamp they had then: loaded (with their plugins) or refused. */
    private final Map<Path, Installed> installed = new HashMap<>();

    private record Installed(Stamp stamp, Optional<URLClassLoader> loader, Optional<Path> copy, List<String> ids) {
    }

    /** {@code copies} is a private directory for the loaded copies; it is emptied now. */
    public PluginFolder(Path folder, Path copies, PluginHost host) {
        this.folder = folder;
        this.copies = copies;
        this.host = host;
        try {
            Files.createDirectories(folder);
            Files.createDirectories(copies);
            try (Stream<Path> old = Files.list(copies)) {
                old.forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the plugins folder " + folder, e);
        }
    }

    /** The folder watched. */
    public Path folder() {
        return folder;
    }

    /** Loads every jar present now, without waiting for it to hold still: for start-up. */
    public void loadAll() {
        for (Path jar : jars()) {
            Stamp.of(jar).ifPresent(stamp -> install(jar, stamp));
        }
    }

    /** One pass: acts on jars that appeared, changed or vanished since the last pass. */
    public void scan() {
        Set<Path> present = new HashSet<>();
        for (Path jar : jars()) {
            present.add(jar);
            Optional<Stamp> stamp = Stamp.of(jar);
            if (stamp.isEmpty()) {
                continue;
            }
            Installed current = installed.get(jar);
            if (current != null && current.stamp().equals(stamp.get())) {
                pending.forget(jar);
            } else if (pending.heldStill(jar, stamp.get())) {
                install(jar, stamp.get());
            }
        }
        pending.retain(present);
        for (Path gone : new ArrayList<>(installed.keySet())) {
            if (!present.contains(gone)) {
                uninstall(gone);
                LOG.info("Plugin jar {} was removed", gone.getFileName());
            }
        }
    }

    private void install(Path jar, Stamp stamp) {
        if (installed.containsKey(jar)) {
            uninstall(jar);
        }
        String source = jar.getFileName().toString();
        host.clearRefusals(source);
        Path copy = copies.resolve(stripJar(source) + "-" + copyCounter.incrementAndGet() + ".jar");
        try {
            Files.copy(jar, copy);
        } catch (IOException e) {
            host.refuse(source, "cannot copy it for loading: " + e.getMessage());
            installed.put(jar, new Installed(stamp, Optional.empty(), Optional.empty(), List.of()));
            return;
        }
        JarLoader.Loaded loaded;
        try {
            loaded = loader.load(copy);
        } catch (JarLoader.RefusedJar e) {
            host.refuse(source, e.getMessage());
            delete(copy);
            installed.put(jar, new Installed(stamp, Optional.empty(), Optional.empty(), List.of()));
            return;
        }
        loaded.problems().forEach(problem -> host.refuse(source, problem));
        List<String> ids = new ArrayList<>();
        for (Indicator indicator : loaded.indicators()) {
            host.add(indicator, source, Optional.of(loaded.loader())).ifPresent(p -> ids.add(p.id()));
        }
        if (ids.isEmpty()) {
            JarLoader.close(loaded.loader());
            delete(copy);
            installed.put(jar, new Installed(stamp, Optional.empty(), Optional.empty(), List.of()));
            return;
        }
        installed.put(jar, new Installed(stamp, Optional.of(loaded.loader()), Optional.of(copy), List.copyOf(ids)));
        LOG.info("Plugin jar {} loaded: {}", source, ids);
    }

    private void uninstall(Path jar) {
        Installed old = installed.remove(jar);
        host.clearRefusals(jar.getFileName().toString());
        if (old == null) {
            return;
        }
        old.ids().forEach(host::remove);
        old.loader().ifPresent(JarLoader::close);
        old.copy().ifPresent(PluginFolder::delete);
    }

    /** Unloads every jar; used at shutdown. */
    public void unloadAll() {
        new ArrayList<>(installed.keySet()).forEach(this::uninstall);
    }

    private List<Path> jars() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the plugins folder {}: {}", folder, e.getMessage());
            return List.of();
        }
    }

    private static String stripJar(String name) {
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
