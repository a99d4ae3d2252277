package io.ballast.server.ingest;

import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.SeriesRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled baseline dataset ({@code config/baseline/*.csv} on the classpath): series metadata with source,
 * licence and vintage, observations (each with the vintage of the file it came from), and export-control events.
 * Seeded into an empty database on first start; a newer baseline over an older one adds the cells the database does
 * not hold yet (never overwriting values stored since) and replaces the events it brought.
 */
public final class Baseline {

    private static final Logger LOG = LoggerFactory.getLogger(Baseline.class);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private final String seriesCsv;
    private final String observationsCsv;
    private final String eventsCsv;
    private final String version;

    private Baseline(String seriesCsv, String observationsCsv, String eventsCsv) {
        this.seriesCsv = seriesCsv;
        this.observationsCsv = observationsCsv;
        this.eventsCsv = eventsCsv;
        this.version = version(seriesCsv, observationsCsv, eventsCsv);
    }

    /** Reads the baseline from the classpath. */
    public static Baseline bundled() {
        return new Baseline(resource("baseline/series.csv"), resource("baseline/observations.csv"),
                resource("baseline/events.csv"));
    }

    /** The origin recorded on the events this baseline brings. */
    public static final String ORIGIN = "baseline";

    /**
     * Seeds the stores unless this very baseline seeded them before; answers the cells that changed (empty when
     * nothing was done).
     */
    public java.util.Set<io.ballast.server.store.Cell> seed(ObservationStore observations, EventStore events) {
        var stored = observations.baselineVersion();
        if (stored.isPresent() && stored.get().equals(version())) {
            return java.util.Set.of();
        }
        List<SeriesRow> series = series();
        List<NewObservation> rows = observations();
        List<ControlEvent> bundled = events();
        var changed = new java.util.LinkedHashSet<>(events.replaceOrigin(ORIGIN, bundled));
        changed.addAll(observations.seed(version(), series, rows, stored.isPresent()));
        if (stored.isPresent()) {
            LOG.info("The bundled baseline changed: {} cells added or changed, values stored since kept; {} events",
                    changed.size(), bundled.size());
        } else {
            LOG.info("Loaded the bundled baseline: {} series, {} observations, {} events", series.size(),
                    rows.size(), bundled.size());
        }
        return changed;
    }

    /** The series metadata of the baseline. */
    public List<SeriesRow> series() {
        List<SeriesRow> rows = new ArrayList<>();
        for (CSVRecord r : records(seriesCsv)) {
            rows.add(new SeriesRow(r.get("code"), r.get("name"), blankToNull(r.get("unit")),
                    blankToNull(r.get("source")), blankToNull(r.get("source_url")), blankToNull(r.get("licence")),
                    blankToNull(r.get("vintage")), blankToNull(r.get("notes"))));
        }
        return rows;
    }

    /**
     * The observations of the baseline, each carrying its own vintage, or the vintage its series has in the catalogue
     * when the row gives none.
     */
    public List<NewObservation> observations() {
        Map<String, String> vintages = new HashMap<>();
        series().forEach(s -> {
            if (s.vintage() != null) {
                vintages.put(s.code(), s.vintage());
            }
        });
        List<NewObservation> rows = new ArrayList<>();
        for (CSVRecord r : records(observationsCsv)) {
            String vintage = r.isMapped("vintage") ? blankToNull(r.get("vintage")) : null;
            rows.add(new NewObservation(r.get("region"), r.get("series"), Integer.parseInt(r.get("period")),
                    Double.parseDouble(r.get("value")), blankToNull(r.get("source")),
                    vintage != null ? vintage : vintages.get(r.get("series"))));
        }
        return rows;
    }

    /** The export-control events of the baseline. */
    public List<ControlEvent> events() {
        List<ControlEvent> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (CSVRecord r : records(eventsCsv)) {
            String entities = r.get("entities");
            List<String> targets = Arrays.stream(r.get("targets").split(";")).map(String::strip)
                    .filter(t -> !t.isEmpty()).toList();
            rows.add(new ControlEvent(r.get("id"), LocalDate.parse(r.get("date")), r.get("jurisdiction"), targets,
                    r.get("type"), r.get("direction"), r.get("scope"), entities.isBlank() ? null
                    : Integer.valueOf(entities), r.get("title"), r.get("source"), blankToNull(r.get("note")), ORIGIN,
                    false, now));
        }
        return rows;
    }

    /** What identifies this baseline's files, recorded in the database: a changed file changes it. */
    public String version() {
        return version;
    }

    /**
     * A CRC-32 over each file and its length, and the files' total length. It only has to tell one bundled baseline
     * from another, and {@link CRC32} runs native code from the first call, where a cryptographic digest runs in the
     * interpreter for a noticeable part of the start-up (docs/performance.md).
     */
    static String version(String... files) {
        CRC32 crc = new CRC32();
        long total = 0;
        for (String file : files) {
            byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
            crc.update(bytes);
            crc.update(ByteBuffer.allocate(Long.BYTES).putLong(0, bytes.length)); // "ab","c" is not "a","bc"
            total += bytes.length;
        }
        return String.format(Locale.ROOT, "crc32-%08x-%d", crc.getValue(), total);
    }

    private static List<CSVRecord> records(String csv) {
        try {
            return FORMAT.parse(new StringReader(csv)).getRecords();
        } catch (IOException e) {
            throw new IllegalStateException("the bundled baseline is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Baseline.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled baseline file " + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
