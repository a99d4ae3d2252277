package io.ballast.server.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The class loader a database opens under: everything as the server's own, except that the service file listing JDBC
 * drivers leaves out the other vendors' drivers. DriverManager loads every driver it finds the first time it is asked
 * for a connection; with this, the embedded H2 file never loads the PostgreSQL driver. (Flyway's plugin register
 * reads its plugins through its own class loader, which Flyway 10 does not let us choose: the few classes of its
 * PostgreSQL module load either way, and are not used.)
 */
final class VendorClassLoader extends ClassLoader {

    private static final Set<String> SERVICES = Set.of("META-INF/services/java.sql.Driver");

    private final List<String> hidden;

    VendorClassLoader(ClassLoader parent, List<String> hidden) {
        super("ballast-database", parent);
        this.hidden = List.copyOf(hidden);
    }

    /** Runs {@code work} with this dialect's loader as the thread's context class loader (DriverManager's). */
    static <T> T with(SqlDialect dialect, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(of(dialect));
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The loader for a dialect, over the loader of the store's own classes. */
    static VendorClassLoader of(SqlDialect dialect) {
        return new VendorClassLoader(VendorClassLoader.class.getClassLoader(), dialect.hiddenProviders());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> found = super.getResources(name);
        if (hidden.isEmpty() || !SERVICES.contains(name)) {
            return found;
        }
        List<URL> filtered = new ArrayList<>();
        for (URL url : Collections.list(found)) {
            filtered.add(withoutHidden(url));
        }
        return Collections.enumeration(filtered);
    }

    private URL withoutHidden(URL url) throws IOException {
        String kept;
        try (InputStream in = url.openStream()) {
            kept = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> hidden.stream().noneMatch(prefix -> line.strip().startsWith(prefix)))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
        byte[] bytes = kept.getBytes(StandardCharsets.UTF_8);
        return new URL(null, url.toString(), new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }
                };
            }
        });
    }
}
