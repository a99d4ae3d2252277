package io.ballast.server.indicator;

import io.ballast.server.folder.StableFiles.Stamp;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A plugin jar the plugins folder acted on, with the stamp its file had then: loaded (with the ids of its plugins, the
 * private copy it was loaded from, and its class loader or its runner) or refused (nothing but the stamp).
 */
record InstalledJar(Stamp stamp, Optional<URLClassLoader> loader, Optional<Path> copy, List<String> ids,
                    Optional<IsolatedJar> runner) {

    /** A jar refused, or not yet loaded: not tried again until its file changes. */
    static InstalledJar refused(Stamp stamp) {
        return new InstalledJar(stamp, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
