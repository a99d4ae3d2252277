package io.ballast.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.score.ScoreJson;
import io.ballast.server.score.ScoreSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest score documents kept across a clean restart, so that a start can answer reads before its database is
 * open (the longest part of a start): a clean stop writes them to {@code data.dir/score-snapshot.zip} under the text
 * of their inputs ({@link ScoreInputs}), and the next start serves them when its own inputs' text is the same, while
 * its first recompute from the database runs behind readiness. A start on a new database serves the bundled
 * baseline's documents the same way, from beside the jar ({@link ScoreInputs#BASELINE_FILE}, kept by the build's
 * training run). Only for the embedded database on a single node: its file is this server's alone and tells whether
 * anything changed in between; a database server may be written by others. A kept snapshot serves the one start
 * that follows the stop that wrote it: read, then deleted.
 */
final class ScoreSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreSnapshots.class);

    private final Path dataDir;
    private final boolean usable;
    private final boolean baseline;
    /** The database file before this start opened it; empty for a new database. */
    private final Optional<String> databaseBefore;
    /** The snapshot this start may serve and this start's configuration as text, read beside the start. */
    private final Optional<CompletableFuture<Candidate>> candidate;

    /** A snapshot read from {@code file}, to serve if its inputs are {@code database} and this start's. */
    private record Candidate(Path file, boolean once, String database, Optional<ScoreSnapshot> snapshot,
                             String config) {
    }

    private ScoreSnapshots(Path dataDir, boolean usable, boolean baseline, Optional<String> databaseBefore,
                           Optional<CompletableFuture<Candidate>> candidate) {
        this.dataDir = dataDir;
        this.usable = usable;
        this.baseline = baseline;
        this.databaseBefore = databaseBefore;
        this.candidate = candidate;
    }

    /**
     * Taken before the database is opened (opening it may change its file); when there is a snapshot to serve,
     * starts reading it, and making this start's configuration text, on a thread of their own. {@code baseline}: where
     * the bundled baseline's documents are kept.
     */
    static ScoreSnapshots before(BallastConfig config, Optional<Path> baselineFile) {
        boolean usable = config.startup().database().embedded() && !config.cluster().enabled();
        boolean baseline = config.data().baseline();
        Path dir = config.data().dir();
        Optional<String> database = usable ? ScoreInputs.database(dir) : Optional.empty();
        Optional<Path> file = Optional.empty();
        if (usable && database.isPresent()) {
            file = Optional.of(dir.resolve(ScoreInputs.SNAPSHOT_FILE)).filter(Files::isRegularFile);
        } else if (usable && baseline) {
            file = baselineFile.filter(Files::isRegularFile);
        }
        boolean once = database.isPresent();
        String data = database.orElse(ScoreInputs.NEW_WITH_BASELINE);
        Optional<CompletableFuture<Candidate>> candidate = file.map(f -> CompletableFuture.supplyAsync(() -> {
            try {
                return new Candidate(f, once, data, ScoreSnapshot.read(f), ScoreInputs.config(config));
            } catch (RuntimeException e) { // never a reason not to start: it then scores from the database
                LOG.warn("Could not compare the scores kept in {} with this start: {}", f, e.toString());
                return new Candidate(f, once, data, Optional.empty(), "");
            }
        }, command -> new Thread(command, "ballast-snapshot").start()));
        return new ScoreSnapshots(dir, usable, baseline, database, candidate);
    }

    /**
     * Whether a snapshot will likely be served: one was read whose inputs are this start's but for the plugins (known
     * only once they are loaded). Completes once the snapshot is read; false at once when there is none.
     */
    CompletableFuture<Boolean> likely() {
        return candidate.map(c -> c.thenApply(read -> read.snapshot().map(kept -> kept.inputs().startsWith(
                ScoreInputs.withoutPlugins(read.config(), read.database()))).orElse(false)))
                .orElse(CompletableFuture.completedFuture(false));
    }

    /**
     * Serves the snapshot's documents through {@code scoring} when they were computed from this start's inputs (the
     * same code, configuration, plugins, and data); answers the snapshot it served, if it did. Blocks.
     */
    Optional<ScoreSnapshot> restore(Scoring scoring, BallastConfig config, List<LoadedPlugin> plugins) {
        if (candidate.isEmpty()) {
            return Optional.empty();
        }
        Candidate read = candidate.get().join();
        if (read.once()) {
            delete(read.file());
        }
        if (read.snapshot().isEmpty()) {
            return Optional.empty();
        }
        String inputs = ScoreInputs.of(read.config(), plugins, config.startup().plugins().directory(),
                read.database());
        boolean restored = scoring.restore(read.snapshot().get(), inputs);
        if (restored) {
            LOG.info("Serving the scores kept in {} while the database opens; every region is scored from it again "
                    + "behind", read.file());
        } else {
            LOG.info("The scores kept in {} were computed from other inputs (code, configuration, plugins or data "
                    + "changed since); scoring from the database first", read.file());
        }
        return read.snapshot().filter(served -> restored);
    }

    /** After a clean stop, with the database closed: keeps the documents served for the next start. */
    void keep(Scoring scoring, BallastConfig config, List<LoadedPlugin> plugins, ObjectMapper json) {
        Optional<String> database = usable ? ScoreInputs.database(dataDir) : Optional.empty();
        database.ifPresent(data -> write(dataDir.resolve(ScoreInputs.SNAPSHOT_FILE), data, scoring, config,
                plugins, json));
    }

    /**
     * After a clean stop of a start that made a new database: keeps its documents as the bundled baseline's in
     * {@code file}, when nothing but the baseline was ever scored ({@code rescored} false); answers whether it did.
     */
    boolean keepBaseline(Path file, boolean rescored, Scoring scoring, BallastConfig config,
                         List<LoadedPlugin> plugins, ObjectMapper json) {
        if (!usable || !baseline || databaseBefore.isPresent() || rescored) {
            return false;
        }
        return write(file, ScoreInputs.NEW_WITH_BASELINE, scoring, config, plugins, json);
    }

    private static boolean write(Path file, String database, Scoring scoring, BallastConfig config,
                                 List<LoadedPlugin> plugins, ObjectMapper json) {
        try {
            String inputs = ScoreInputs.of(ScoreInputs.config(config), plugins,
                    config.startup().plugins().directory(), database);
            ScoreSnapshot.of(inputs, scoring.queries(), Scoring.regions(config), scoring.uncertainty().current(),
                    new ScoreJson(json)).write(file);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep the scores in {}: {}; the next start scores from the database", file,
                    e.toString());
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the used score snapshot {}: {}", file, e.toString());
        }
    }
}
