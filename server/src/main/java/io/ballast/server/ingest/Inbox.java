package io.ballast.server.ingest;

import io.ballast.server.folder.StableFiles;
import io.ballast.server.folder.StableFiles.Stamp;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.VintageBatch;
import io.ballast.server.store.VintageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox folder for World Bank WDI bulk files ({@code API_*_DS2_en_csv_v2*.csv}). A file is imported once its size
 * and time stamp held still between two scans: rows of configured regions and known series only, each as a whole
 * series in the file's vintage, all in one transaction. Then it moves to {@code processed/}, or to {@code failed/}
 * with nothing stored, with {@code <file>.report.txt} beside it. Other files are left alone. Blocking: call
 * {@link #scan()} from one worker at a time.
 */
public final class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    static final Pattern NAME = Pattern.compile("API_.+_DS2_en_csv_v2.*\\.csv");
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final Path folder;
    private final ObservationStore store;
    private final Predicate<String> knownRegion;
    private final Predicate<String> knownSeries;
    private final Consumer<VintageResult> onStored;
    private final Clock clock;
    private final StableFiles pending = new StableFiles();
    private final Set<Path> ignored = new HashSet<>();

    public Inbox(Path folder, ObservationStore store, Predicate<String> knownRegion, Predicate<String> knownSeries,
                 Consumer<VintageResult> onStored, Clock clock) {
        this.folder = folder;
        this.store = store;
        this.knownRegion = knownRegion;
        this.knownSeries = knownSeries;
        this.onStored = onStored;
        this.clock = clock;
    }

    /** The folder watched. */
    public Path folder() {
        return folder;
    }

    /** One pass: imports the files that held still since the last pass; answers what was done with each. */
    public List<ImportReport> scan() {
        List<ImportReport> reports = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        for (Path file : files()) {
            present.add(file);
            if (!NAME.matcher(file.getFileName().toString()).matches()) {
                if (ignored.add(file)) {
                    LOG.info("Inbox: leaving {} alone: only WDI bulk files (API_*_DS2_en_csv_v2*.csv) are imported",
                            file.getFileName());
                }
                continue;
            }
            Optional<Stamp> now = Stamp.of(file);
            if (now.isPresent() && pending.heldStill(file, now.get())) {
                reports.add(importFile(file));
            }
        }
        pending.retain(present);
        ignored.retainAll(present);
        return reports;
    }

    /** Imports one file now, moves it and writes its report. */
    ImportReport importFile(Path file) {
        String name = file.getFileName().toString();
        List<String> notes = new ArrayList<>();
        String vintage = null;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new WdiFormatException("the file is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            WdiFile wdi = WdiFileReader.read(Files.readAllBytes(file));
            vintage = wdi.lastUpdated().orElse("undated WDI file " + name);
            if (wdi.lastUpdated().isEmpty()) {
                notes.add("the file has no \"Last Updated Date\" (the country variant); its values carry the vintage "
                        + "'" + vintage + "'");
            }
            List<VintageBatch> batches = batches(wdi, vintage, "WDI bulk file " + name, notes);
            VintageResult result = store.replaceSeries(batches);
            if (result.count(VintageResult.Outcome.OLDER) > 0) {
                notes.add(result.count(VintageResult.Outcome.OLDER) + " series left as they are: the store holds a "
                        + "newer vintage");
            }
            int observations = batches.stream().mapToInt(b -> b.observations().size()).sum();
            Path moved = move(file, "processed");
            try {
                onStored.accept(result); // committed: whatever happens downstream, the file is processed
            } catch (RuntimeException e) {
                LOG.error("Inbox: {} is stored but passing it on to scoring failed", name, e);
            }
            ImportReport report = new ImportReport(name, true, null, vintage, batches.size(), observations,
                    result.changed().size(), notes, moved, clock.instant());
            writeReport(moved, report);
            LOG.info("Inbox: imported {} (vintage {}): {} series, {} observations, {} cells changed", name, vintage,
                    batches.size(), observations, result.changed().size());
            return report;
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof WdiFormatException ? e.getMessage()
                    : e instanceof IOException ? "a file operation failed: " + e
                    : "the import failed and was rolled back: " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(e.toString());
            Path moved = moveQuietly(file, "failed");
            ImportReport report = new ImportReport(name, false, reason, vintage, 0, 0, 0, notes, moved,
                    clock.instant());
            if (moved != null) {
                writeReport(moved, report);
            }
            LOG.warn("Inbox: {} failed, nothing was stored: {}", name, reason);
            return report;
        }
    }

    private List<VintageBatch> batches(WdiFile wdi, String vintage, String origin, List<String> notes) {
        List<VintageBatch> batches = new ArrayList<>();
        int otherRegions = 0;
        Set<String> unknown = new TreeSet<>();
        int empty = 0;
        for (WdiFile.Row row : wdi.rows()) {
            if (!knownRegion.test(row.countryCode())) {
                otherRegions++;
                continue;
            }
            if (!knownSeries.test(row.indicatorCode())) {
                unknown.add(row.indicatorCode());
                continue;
            }
            if (row.values().isEmpty()) {
                empty++; // an all-gap row never wipes what is stored
                continue;
            }
            List<NewObservation> observations = new ArrayList<>();
            row.values().forEach((year, value) -> observations.add(new NewObservation(row.countryCode(),
                    row.indicatorCode(), year, value, null, vintage)));
            batches.add(new VintageBatch(row.countryCode(), row.indicatorCode(), vintage, origin, observations, null));
        }
        if (otherRegions > 0) {
            notes.add(otherRegions + " rows of regions that are not configured were left out");
        }
        if (!unknown.isEmpty()) {
            notes.add(unknown.size() + " series Ballast does not know were left out"
                    + (unknown.size() <= 10 ? ": " + String.join(", ", unknown) : ""));
        }
        if (empty > 0) {
            notes.add(empty + " rows without any value were left out");
        }
        if (batches.isEmpty()) {
            notes.add("nothing was kept: no row is of a configured region and a known series");
        }
        return batches;
    }

    private List<Path> files() {
        try {
            Files.createDirectories(folder);
            try (Stream<Path> list = Files.list(folder)) {
                return list.filter(Files::isRegularFile).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inbox " + folder, e);
        }
    }

    /** Moves a file into a subfolder, under a free name (a second file of the same name gets a number). */
    private Path move(Path file, String subfolder) throws IOException {
        Path dir = folder.resolve(subfolder);
        Files.createDirectories(dir);
        String name = file.getFileName().toString();
        Path target = dir.resolve(name);
        for (int n = 2; Files.exists(target) || Files.exists(reportOf(target)); n++) {
            target = dir.resolve(name.replaceFirst("\\.csv$", "." + n + ".csv"));
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(file, target);
        }
    }

    private Path moveQuietly(Path file, String subfolder) {
        try {
            return move(file, subfolder);
        } catch (IOException e) {
            LOG.error("Inbox: cannot move {} to {}/: {}", file, subfolder, e.toString());
            return null;
        }
    }

    private static Path reportOf(Path moved) {
        return moved.resolveSibling(moved.getFileName() + ".report.txt");
    }

    private static void writeReport(Path moved, ImportReport report) {
        try {
            Files.writeString(reportOf(moved), report.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("Inbox: cannot write the report of {}: {}", moved, e.toString());
        }
    }
}
