package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorApi;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * Opens one plugin jar in a class loader of its own (parent: the API only) and instantiates the indicators its
 * {@code META-INF/services} file names. Refuses, with a reason a plugin author can act on, a file that is not a jar,
 * a jar without a service file, and a jar built against another major version of the API.
 */
final class JarLoader {

    static final String SERVICE_FILE = "META-INF/services/" + Indicator.class.getName();
    static final String API_VERSION_ATTRIBUTE = "Ballast-Api-Version";

    private final ClassLoader apiParent = new ApiOnlyClassLoader(Indicator.class.getClassLoader());

    /** What a jar yielded: its loader and indicators, or the reason it was refused. */
    record Loaded(URLClassLoader loader, List<Indicator> indicators, List<String> problems) {
    }

    /** Thrown when the jar as a whole is refused. */
    static final class RefusedJar extends Exception {
        RefusedJar(String reason) {
            super(reason);
        }
    }

    Loaded load(Path jar) throws RefusedJar {
        checkJar(jar);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, apiParent);
        } catch (IOException e) {
            throw new RefusedJar("cannot open: " + e.getMessage());
        }
        List<Indicator> indicators = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<Indicator> it = ServiceLoader.load(Indicator.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                Indicator indicator = it.next();
                if (indicator.getClass().getClassLoader() == loader) {
                    indicators.add(indicator);
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add("a listed indicator could not be instantiated: " + rootMessage(e));
            }
        }
        if (indicators.isEmpty()) {
            close(loader);
            throw new RefusedJar(problems.isEmpty() ? "its " + SERVICE_FILE + " names no indicator"
                    : String.join("; ", problems));
        }
        return new Loaded(loader, indicators, problems);
    }

    static void checkJar(Path jar) throws RefusedJar {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry(SERVICE_FILE) == null) {
                throw new RefusedJar("it has no " + SERVICE_FILE + " file naming its indicator classes");
            }
            Manifest manifest = file.getManifest();
            String declared = manifest == null ? null : manifest.getMainAttributes()
                    .getValue(new Attributes.Name(API_VERSION_ATTRIBUTE));
            if (declared == null || declared.isBlank()) {
                throw new RefusedJar("its manifest declares no " + API_VERSION_ATTRIBUTE + " (this server implements "
                        + "indicator API " + IndicatorApi.version() + "; add '" + API_VERSION_ATTRIBUTE + ": "
                        + IndicatorApi.version() + "' to the jar's manifest)");
            }
            int major;
            try {
                major = Integer.parseInt(declared.strip().split("\\.")[0]);
            } catch (NumberFormatException e) {
                throw new RefusedJar(API_VERSION_ATTRIBUTE + " '" + declared + "' is not a version such as "
                        + IndicatorApi.version());
            }
            if (major != IndicatorApi.MAJOR) {
                throw new RefusedJar("it was built against indicator API " + declared.strip() + ", but this server "
                        + "implements " + IndicatorApi.version() + ": rebuild it against API " + IndicatorApi.MAJOR
                        + ".x");
            }
        } catch (ZipException e) {
            throw new RefusedJar("it is not a jar (zip) file: " + e.getMessage());
        } catch (IOException e) {
            throw new RefusedJar("it cannot be read as a jar: " + e.getMessage());
        }
    }

    static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // the loader is dropped either way; a file handle it kept is released when it is collected
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + " (" + root + ")";
    }
}
