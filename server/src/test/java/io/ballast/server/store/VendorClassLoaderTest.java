package io.ballast.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** H2 start-ups never load the PostgreSQL driver; PostgreSQL ones find it. */
class VendorClassLoaderTest {

    @Test
    void theH2LoaderListsNoPostgresDriver() {
        VendorClassLoader loader = VendorClassLoader.of(SqlDialect.H2);
        assertThat(providers(Driver.class, loader)).contains("org.h2.Driver")
                .noneMatch(n -> n.startsWith("org.postgresql"));
    }

    @Test
    void thePostgresLoaderListsEveryDriver() {
        VendorClassLoader loader = VendorClassLoader.of(SqlDialect.POSTGRESQL);
        assertThat(providers(Driver.class, loader)).contains("org.postgresql.Driver", "org.h2.Driver");
    }

    /** The class names a service loader would instantiate, without instantiating them. */
    private static List<String> providers(Class<?> service, ClassLoader loader) {
        return ServiceLoader.load(service, loader).stream().map(p -> p.type().getName()).toList();
    }
}
