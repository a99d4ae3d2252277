package io.ballast.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where scores and observations are kept. An empty {@code url} means the embedded H2 file under {@code data.dir};
 * a {@code jdbc:postgresql://} URL selects a PostgreSQL server shared by every node. The password comes from
 * {@code password} (best set through {@code BALLAST_DATABASE_PASSWORD}) or from the first line of
 * {@code password-file} (a mounted secret), never both. {@code pool-size} bounds the connections this node holds.
 */
public record DatabaseSettings(String url, String user, String password, Path passwordFile,
                               @Range(min = 1, max = 500) int poolSize,
                               @Range(min = 100, max = 600_000) int connectTimeoutMs) {

    private static final String URL_FORM = "empty (the embedded H2 file under data.dir) or a JDBC URL such as "
            + "jdbc:postgresql://db.example.org:5432/ballast";

    public DatabaseSettings {
        url = url == null ? "" : url.strip();
        user = user == null ? "" : user.strip();
        password = password == null ? "" : password;
        Invalid.unless(url.isEmpty() || url.startsWith("jdbc:postgresql://") || url.startsWith("jdbc:h2:"), "url",
                URL_FORM + ", not '" + url + "'");
        boolean file = passwordFile != null && !passwordFile.toString().isEmpty();
        Invalid.unless(!file || password.isEmpty(), "password-file", "left empty when database.password is set "
                + "(one source for the password, not two)");
        Invalid.unless(!file || Files.isReadable(passwordFile), "password-file",
                "a readable file holding the password, but " + passwordFile + " cannot be read");
        Invalid.unless(!url.isEmpty() || (user.isEmpty() && password.isEmpty() && !file), url.isEmpty() && !user
                .isEmpty() ? "user" : "password", "empty while database.url is empty: the embedded H2 file takes no "
                + "credentials; set database.url to use a database server");
    }

    /** Whether this is the embedded H2 file under {@code data.dir}. */
    public boolean embedded() {
        return url.isEmpty();
    }

    /** Whether the URL names a PostgreSQL server. */
    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The password, read from {@code password-file} when that is set; empty when there is none. */
    public Optional<String> secret() {
        if (passwordFile == null || passwordFile.toString().isEmpty()) {
            return password.isEmpty() ? Optional.empty() : Optional.of(password);
        }
        try {
            return Files.readAllLines(passwordFile).stream().findFirst().map(String::strip);
        } catch (IOException e) {
            throw new ConfigException("database.password-file: " + passwordFile + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Never prints the password: this record is logged when a reload reports start-up sections. */
    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", passwordFile=" + passwordFile + ", poolSize=" + poolSize + ", connectTimeoutMs="
                + connectTimeoutMs + "]";
    }
}
