package io.ballast.server.indicator;

import io.ballast.server.folder.StableFiles;
import io.ballast.server.folder.StableFiles.Stamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private final JarInstaller installer;
    private final AtomicLong copyCounter = new AtomicLong();
    /** Files not yet acted on, until they hold still. */
    private final StableFiles pending = new StableFiles();
    /** Files acted on, with the stamp they had then: loaded (with their plugins) or refused. */
    private final Map<Path, InstalledJar> installed = new HashMap<>();

    /** Jars run in process. {@code copies} is a private directory for the loaded copies; it is emptied now. */
    public PluginFolder(Path folder, Path copies, PluginHost host) {
        this(folder, copies, host, Optional.empty(), Duration.ofSeconds(2));
    }

    /**
     * Jars run out of process, one runner JVM per jar started by {@code runners}, when it is present; in process
     * otherwise. {@code measureLimit} is the time limit of one measure call.
     */
    public PluginFolder(Path folder, Path copies, PluginHost host, Optional<RunnerCommand> runners,
                        Duration measureLimit) {
        this.folder = folder;
        this.copies = copies;
        this.host = host;
        this.installer = new JarInstaller(host, runners, measureLimit);
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
            InstalledJar current = installed.get(jar);
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
        // recorded before anything of the jar runs: whatever it does, it is not tried again until its file changes
        installed.put(jar, InstalledJar.refused(stamp));
        Path copy = copies.resolve(JarInstaller.stripJar(source) + "-" + copyCounter.incrementAndGet() + ".jar");
        try {
            Files.copy(jar, copy);
        } catch (IOException e) {
            host.refuse(source, "cannot copy it for loading: " + e.getMessage());
            return;
        }
        Optional<InstalledJar> done = installer.install(source, copy, stamp);
        if (done.isEmpty()) {
            delete(copy);
            return;
        }
        installed.put(jar, done.get());
        LOG.info("Plugin jar {} loaded{}: {}", source, done.get().runner().isPresent() ? " in a runner" : "",
                done.get().ids());
    }

    private void uninstall(Path jar) {
        InstalledJar old = installed.remove(jar);
        host.clearRefusals(jar.getFileName().toString());
        if (old == null) {
            return;
        }
        old.ids().forEach(host::remove);
        old.runner().ifPresent(IsolatedJar::stop);
        old.loader().ifPresent(JarLoader::close);
        old.copy().ifPresent(PluginFolder::delete);
    }

    /**
     * Unloads every jar; used at shutdown. Runners are asked to close all at once and killed when they have not
     * exited within {@link IsolatedJar#CLOSE_LIMIT} (a runner busy with a call is killed without being asked).
     */
    public void unloadAll() {
        RunnerShutdown.stopAll(installed.values().stream().flatMap(i -> i.runner().stream()).toList());
        new ArrayList<>(installed.keySet()).forEach(this::uninstall);
    }

    /** The process ids of the runners now running, for tests and diagnostics. */
    public List<Long> runnerPids() {
        return installed.values().stream().flatMap(i -> i.runner().stream()).flatMap(r -> r.pid().stream())
                .toList();
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

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }
}
