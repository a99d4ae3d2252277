package io.ballast.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresFixtureTest {

    private final PostgresFixture pg = PostgresFixture.shared();

    @Test
    void eachCallCreatesAFreshDatabaseOnTheSharedServer() throws SQLException {
        String first = pg.createDatabase("fixture");
        String second = pg.createDatabase("fixture");
        assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/");
        assertThat(answer(first)).isEqualTo(1);
    }

    @Test
    void aStoppedServerRefusesConnectionsAndAnswersAgainOnceStarted() throws SQLException {
        String url = pg.createDatabase("restart");
        pg.stop();
        try {
            assertThatThrownBy(() -> answer(url)).isInstanceOf(SQLException.class);
        } finally {
            pg.start();
        }
        assertThat(answer(url)).isEqualTo(1);
    }

    private static int answer(String url) throws SQLException {
        try (Connection c = PostgresFixture.connect(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
