package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the scores are a function of, as the text a {@link io.ballast.server.score.ScoreSnapshot} is kept
 * under: the server's code (its jar's size and time), the reloadable configuration (regions, weights, rules,
 * plugin settings), each plugin (descriptor, state, and a dropped-in jar's size and time) and the embedded database
 * file (size and time, taken before it is opened and after it is closed: H2 writes it whenever anything changes).
 * Equal texts mean the same inputs; anything it cannot tell makes the text unlike any other.
 */
final class ScoreInputs {

    /** The name of the embedded database's file in {@code data.dir}. */
    static final String DATABASE_FILE = "ballast.mv.db";
    /** The snapshot's file in {@code data.dir}. */
    static final String SNAPSHOT_FILE = "score-snapshot.zip";
    /** The bundled baseline's documents, beside the server's jar (the build's training run keeps them). */
    static final String BASELINE_FILE = "baseline-scores.zip";
    /** The data of a database that does not exist yet and will be seeded with the bundled baseline. */
    static final String NEW_WITH_BASELINE = "new, seeded with the bundled baseline";

    private ScoreInputs() {
    }

    /** The database file as it is now: its size and time, or empty when it does not exist (a new database). */
    static Optional<String> database(Path dataDir) {
        return file(dataDir.resolve(DATABASE_FILE));
    }

    /**
     * Everything the scores were computed from, as text: {@code config} (from {@link #config}), the plugins,
     * {@code database} (from {@link #database}) and this code. Compared whole: no digest to collide.
     */
    static String of(String config, List<LoadedPlugin> plugins, Path pluginsFolder, String database) {
        StringBuilder text = new StringBuilder(withoutPlugins(config, database));
        // a plugin's code is the server's jar (built-ins) or its own: its version, state and jar identify it
        plugins.stream().sorted(Comparator.comparing(LoadedPlugin::id)).forEach(p -> {
            text.append("plugin ").append(p.id()).append(' ').append(p.descriptor().version()).append(' ')
                    .append(p.state()).append(' ').append(p.source());
            if (p.source().endsWith(".jar")) {
                text.append(' ').append(file(pluginsFolder.resolve(p.source())).orElse("gone"));
            }
            text.append('\n');
        });
        return text.toString();
    }

    /** The start of {@link #of}'s text, all but the plugins (known only once they are loaded). */
    static String withoutPlugins(String config, String database) {
        return "score-inputs 1\ncode " + code() + "\ndatabase " + database + "\n" + config;
    }

    /**
     * The configuration the scores depend on, as text that is the same for the same configuration (maps in key
     * order): the reloadable sections and the plugins' time limit and isolation. Made from the records' own text, so
     * a key added to them is in it too; about 80 ms the first time in a JVM (each record's {@code toString} is linked
     * on first use), so a start makes it on a thread of its own.
     */
    static String config(BallastConfig config) {
        StringBuilder text = new StringBuilder();
        reloadable(text, config.reloadable());
        var limits = config.startup().plugins();
        text.append("plugin-limits measure-timeout-ms ").append(limits.measureTimeoutMs()).append(" isolation ")
                .append(limits.isolation()).append('\n');
        return text.toString();
    }

    private static void reloadable(StringBuilder text, BallastConfig.Reloadable config) {
        text.append("regions ").append(config.regions()).append('\n');
        text.append("scoring ").append(config.scoring()).append('\n');
        new TreeMap<>(config.indicators()).forEach((id, s) -> text.append("indicator ").append(id).append(" weight ")
                .append(s.weight()).append(" enabled ").append(s.enabled()).append(" settings ")
                .append(new TreeMap<>(s.settings())).append('\n'));
        text.append("alerts ").append(config.alertRules()).append('\n');
        text.append("uncertainty ").append(config.uncertainty()).append('\n');
    }

    /** Where the bundled baseline's documents of this jar are; empty when the server does not run from a jar. */
    static Optional<Path> baselineFile() {
        return jar().map(jar -> jar.resolveSibling(BASELINE_FILE));
    }

    /**
     * The server's code: its jar's size and time; built classes on a class path (tests) are taken as unchanged, and
     * anything else as unlike any other.
     */
    private static String code() {
        Optional<Path> where = location();
        if (where.isPresent() && Files.isDirectory(where.get())) {
            return "classes";
        }
        return jar().flatMap(ScoreInputs::file).orElse("unknown " + System.nanoTime());
    }

    private static Optional<Path> jar() {
        return location().filter(Files::isRegularFile);
    }

    private static Optional<Path> location() {
        try {
            return Optional.of(Path.of(Ballast.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> file(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(a.size() + " bytes, modified " + a.lastModifiedTime().toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
