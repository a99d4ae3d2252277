package io.ballast.server.store;

import java.nio.file.Path;

/** The two databases the store tests run on: the embedded H2 file and a fresh database on {@link PostgresFixture}. */
public enum Vendor {
    H2,
    POSTGRESQL;

    /** A new, empty database of this vendor (the H2 file goes under {@code dir}). */
    public JdbcTarget target(Path dir) {
        return this == H2 ? JdbcTarget.embedded(dir)
                : JdbcTarget.of(PostgresFixture.shared().createDatabase("store"), PostgresFixture.USER, "");
    }
}
