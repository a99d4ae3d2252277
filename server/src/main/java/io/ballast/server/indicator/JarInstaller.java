package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.server.folder.StableFiles.Stamp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads one private copy of a plugin jar and adds its plugins to the host: in process through a {@link JarLoader},
 * or out of process in a runner JVM started by a {@link RunnerCommand} when one is given. Every reason a jar or one
 * of its plugins is refused is reported to the host; a jar none of whose plugins was added is unloaded again.
 */
final class JarInstaller {

    private final PluginHost host;
    private final JarLoader loader = new JarLoader();
    private final Optional<RunnerCommand> runners;
    private final Duration measureLimit;

    JarInstaller(PluginHost host, Optional<RunnerCommand> runners, Duration measureLimit) {
        this.host = host;
        this.runners = runners;
        this.measureLimit = measureLimit;
    }

    /** The jar loaded from {@code copy}, or empty when it was refused (the host was told why). */
    Optional<InstalledJar> install(String source, Path copy, Stamp stamp) {
        try {
            return runners.isPresent() ? installIsolated(source, copy, stamp, runners.get())
                    : installInProcess(source, copy, stamp);
        } catch (Throwable e) {
            host.refuse(source, "loading it failed: " + e);
            return Optional.empty();
        }
    }

    private Optional<InstalledJar> installInProcess(String source, Path copy, Stamp stamp) throws Throwable {
        JarLoader.Loaded loaded;
        try {
            // instantiating the jar's classes runs its constructors: bounded like descriptor()
            loaded = Bounded.call(() -> loader.load(copy), PluginHost.LIFECYCLE_LIMIT, "load");
        } catch (JarLoader.RefusedJar e) {
            host.refuse(source, e.getMessage());
            return Optional.empty();
        } catch (Bounded.Overran e) {
            host.refuse(source, "loading it took longer than " + PluginHost.LIFECYCLE_LIMIT.toMillis() + " ms");
            return Optional.empty();
        }
        loaded.problems().forEach(problem -> host.refuse(source, problem));
        List<String> ids = new ArrayList<>();
        for (Indicator indicator : loaded.indicators()) {
            host.add(indicator, source, Optional.of(loaded.loader())).ifPresent(p -> ids.add(p.id()));
        }
        if (ids.isEmpty()) {
            JarLoader.close(loaded.loader());
            return Optional.empty();
        }
        return Optional.of(new InstalledJar(stamp, Optional.of(loaded.loader()), Optional.of(copy), List.copyOf(ids),
                Optional.empty()));
    }

    private Optional<InstalledJar> installIsolated(String source, Path copy, Stamp stamp, RunnerCommand command) {
        IsolatedJar runner;
        List<String> problems = new ArrayList<>();
        try {
            JarLoader.checkJar(copy); // refused before a JVM is started for it
            runner = IsolatedJar.start(command, copy, stripJar(source), problems);
        } catch (JarLoader.RefusedJar | IsolatedJar.Refused e) {
            host.refuse(source, e.getMessage());
            return Optional.empty();
        }
        problems.forEach(problem -> host.refuse(source, problem));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < runner.descriptors().size(); i++) {
            host.add(new RemoteIndicator(runner, i, measureLimit), source, Optional.empty())
                    .ifPresent(p -> ids.add(p.id()));
        }
        if (ids.isEmpty()) {
            runner.stop();
            return Optional.empty();
        }
        return Optional.of(new InstalledJar(stamp, Optional.empty(), Optional.of(copy), List.copyOf(ids),
                Optional.of(runner)));
    }

    /** A jar's file name without its {@code .jar}. */
    static String stripJar(String name) {
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }
}
