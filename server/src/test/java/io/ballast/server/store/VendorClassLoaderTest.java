package io.ballast.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Driver;
import java.util.List;
import java.util.ServiceLoader;
import org.flywaydb.core.extensibility.Plugin;
import org.junit.jupiter.api.Test;

/** H2 start-ups never load the PostgreSQL driver nor Flyway's PostgreSQL module; PostgreSQL ones find both. */
class VendorClassLoaderTest {

    @Test
    void theH2LoaderListsNoPostgresDriverNorFlywayPostgresPlugin() {
        VendorClassLoader loader = VendorClassLoader.of(SqlDialect.H2);
        assertThat(providers(Driver.class, loader)).contains("org.h2.Driver")
                .noneMatch(n -> n.startsWith("org.postgresql"));
        assertThat(providers(Plugin.class, loader)).isNotEmpty()
                .noneMatch(n -> n.startsWith("org.flywaydb.database."));
    }

    @Test
    void thePostgresLoaderListsEveryProvider() {
        VendorClassLoader loader = VendorClassLoader.of(SqlDialect.POSTGRESQL);
        assertThat(providers(Driver.class, loader)).contains("org.postgresql.Driver", "org.h2.Driver");
        assertThat(providers(Plugin.class, loader)).anyMatch(n -> n.startsWith("org.flywaydb.database.postgresql."));
    }

    /** The class names a service loader would instantiate, without instantiating them. */
    private static List<String> providers(Class<?> service, ClassLoader loader) {
        return ServiceLoader.load(service, loader).stream().map(p -> p.type().getName()).toList();
    }
}
