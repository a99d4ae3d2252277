package io.ballast.server.score;

import io.ballast.server.folder.OwnerOnly;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every region's latest-scores document as served when the server last stopped cleanly, with a digest of everything
 * they were computed from ({@code inputs}: the code, the configuration, the plugins and the database file). It lets
 * the next start answer reads before its database is open, but only when its own inputs have the same digest:
 * scores are a function of those alone, so the documents are then the ones a recompute would make. A zip file:
 * {@code inputs.txt}, {@code latest/<region>.json} (the bytes as served) and, when the uncertainty analysis of those
 * scores was done, {@code uncertainty.json} (its result, which the first recompute takes over: the analysis is seeded,
 * so it is the one that would run again).
 */
public record ScoreSnapshot(String inputs, Map<String, Buffer> latest, Optional<Buffer> uncertainty) {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreSnapshot.class);
    private static final String INPUTS = "inputs.txt";
    private static final String LATEST = "latest/";
    private static final String JSON = ".json";
    private static final String UNCERTAINTY = "uncertainty.json";

    public ScoreSnapshot {
        latest = Map.copyOf(latest);
    }

    /**
     * The documents {@code queries} serves now for the {@code configured} regions, and the uncertainty analysis they
     * carry, computed from {@code inputs}.
     */
    public static ScoreSnapshot of(String inputs, ScoreQueries queries, Collection<String> configured,
                                   Optional<UncertaintyResult> analysed, ScoreJson json) {
        Map<String, Buffer> latest = new LinkedHashMap<>();
        configured.forEach(region -> queries.latest(region).ifPresent(doc -> latest.put(region, doc)));
        return new ScoreSnapshot(inputs, latest, analysed.map(json::write));
    }

    /** Writes to {@code file} whole or not at all (a temporary file moved over it), readable by the owner only. */
    public void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream stream = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(stream)) {
            zip.putNextEntry(new ZipEntry(INPUTS));
            zip.write(inputs.getBytes(StandardCharsets.UTF_8));
            for (var doc : latest.entrySet()) {
                zip.putNextEntry(new ZipEntry(LATEST + doc.getKey() + JSON));
                zip.write(doc.getValue().getBytes());
            }
            if (uncertainty.isPresent()) {
                zip.putNextEntry(new ZipEntry(UNCERTAINTY));
                zip.write(uncertainty.get().getBytes());
            }
        }
        OwnerOnly.file(partial);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The snapshot in {@code file}; empty when there is none or it cannot be read (logged: the start then scores from
     * the database as without one).
     */
    public static Optional<ScoreSnapshot> read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String inputs = null;
            Map<String, Buffer> latest = new LinkedHashMap<>();
            Optional<Buffer> uncertainty = Optional.empty();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                String name = entry.getName();
                if (name.equals(INPUTS)) {
                    inputs = new String(bytes, StandardCharsets.UTF_8);
                } else if (name.equals(UNCERTAINTY)) {
                    uncertainty = Optional.of(Buffer.buffer(bytes));
                } else if (name.startsWith(LATEST) && name.endsWith(JSON)) {
                    latest.put(name.substring(LATEST.length(), name.length() - JSON.length()), Buffer.buffer(bytes));
                }
            }
            if (inputs == null) {
                throw new IOException("it has no " + INPUTS);
            }
            return Optional.of(new ScoreSnapshot(inputs, latest, uncertainty));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the score snapshot {}: {}; scores come from the database", file, e.toString());
            return Optional.empty();
        }
    }

    /** The uncertainty analysis kept with the documents, if it was done and can be read (else logged). */
    public Optional<UncertaintyResult> analysed(ScoreJson json) {
        try {
            return uncertainty.isEmpty() ? Optional.empty()
                    : Optional.of(json.read(uncertainty.get(), UncertaintyResult.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the uncertainty analysis kept with the scores: {}; it runs again", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Serves these documents: cached as each region's latest in {@code queries}, and handed to {@code sink} as each
     * region's first event (what a newly connected stream is sent), as a start that scored them would.
     */
    public void serve(ScoreQueries queries, ScoreSink sink) {
        latest.forEach((region, doc) -> {
            queries.served(region, doc);
            sink.publish(region, ScoreSink.SCORE, doc);
        });
    }
}
