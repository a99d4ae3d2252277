package io.ballast.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.store.Database;
import io.ballast.server.store.ObservationRow;
import io.ballast.server.store.SeriesVintage;
import io.ballast.server.store.VintageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox: WDI bulk files in the real layout are imported once they held still, only configured regions and known
 * series kept, each file in one transaction; then moved to processed/ or failed/ with a report. Each test uses its
 * own series, so the shared database keeps them apart.
 */
class InboxTest {

    static final Set<String> REGIONS = Set.of("CHN", "USA", "DEU", "JPN", "KOR", "IND");
    static final Set<String> SERIES = Set.of("NE.TRD.GNFS.ZS", "GB.XPD.RSDV.GD.ZS", "SL.UEM.1524.ZS",
            "NV.IND.MANF.ZS", "TX.VAL.TECH.MF.ZS", "SL.UEM.TOTL.ZS", "BX.KLT.DINV.WD.GD.ZS");

    @TempDir
    static Path dbDir;

    static Database db;

    @TempDir
    Path folder;

    final List<VintageResult> stored = new CopyOnWriteArrayList<>();
    Inbox inbox;

    @BeforeAll
    static void open() {
        db = Database.open(dbDir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void inbox() {
        // a code longer than the store allows counts as known, to make a transaction fail half-way on purpose
        inbox = new Inbox(folder, db.observations(), REGIONS::contains,
                code -> SERIES.contains(code) || code.length() > 64, stored::add, Clock.systemUTC());
    }

    static Map<Integer, Double> values(String region, String series) {
        return db.observations().series(region, series).stream()
                .collect(Collectors.toMap(ObservationRow::period, ObservationRow::value));
    }

    /** Two scans: the first sees the file, the second finds it held still and imports it. */
    ImportReport importDropped() {
        assertThat(inbox.scan()).as("a file is not imported the first time it is seen").isEmpty();
        List<ImportReport> reports = inbox.scan();
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    @Test
    void filesAreImportedKeepingConfiguredRegionsAndANewerReleaseReplacesAnOlderOneDoesNot() throws IOException {
        WdiFiles.drop("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv", folder, null);
        ImportReport first = importDropped();

        assertThat(first.imported()).isTrue();
        assertThat(first.vintage()).isEqualTo("2026-04-08");
        assertThat(first.seriesKept()).isEqualTo(3); // CHN, DEU, USA; not ABW, AFE (an aggregate) or WLD
        assertThat(first.observations()).isEqualTo(11 + 6 + 6);
        assertThat(values("CHN", "NE.TRD.GNFS.ZS")).hasSize(11).containsEntry(1970, 4.82548633004292)
                .containsEntry(2024, 37.1984201388065);
        assertThat(values("DEU", "NE.TRD.GNFS.ZS")).containsEntry(2022, 100.213017651469);
        assertThat(db.observations().ofRegion("ABW")).isEmpty();
        assertThat(db.observations().series("CHN", "NE.TRD.GNFS.ZS")).extracting(ObservationRow::vintage)
                .containsOnly("2026-04-08");
        assertThat(db.observations().vintage("NE.TRD.GNFS.ZS", "CHN")).map(SeriesVintage::origin)
                .contains("WDI bulk file API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv");
        assertThat(stored).singleElement().satisfies(r -> assertThat(r.changed()).hasSize(23));

        Path processed = folder.resolve("processed/API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv");
        assertThat(processed).exists();
        assertThat(folder.resolve("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv")).doesNotExist();
        assertThat(Files.readString(processed.resolveSibling(processed.getFileName() + ".report.txt")))
                .contains("result: imported", "vintage: 2026-04-08", "kept: 3 series",
                        "note: 3 rows of regions that are not configured were left out");

        // A later release revises China's 2024 and no longer has its years before 2000: it replaces the series.
        WdiFiles.drop("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_140.csv", folder, null);
        assertThat(importDropped().imported()).isTrue();
        assertThat(values("CHN", "NE.TRD.GNFS.ZS")).hasSize(8).containsEntry(2024, 61.5).doesNotContainKey(1970);

        // An earlier release dropped afterwards changes nothing, and the report says why.
        WdiFiles.drop("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_77.csv", folder, null);
        ImportReport older = importDropped();
        assertThat(older.imported()).isTrue();
        assertThat(older.notes()).contains("1 series left as they are: the store holds a newer vintage");
        assertThat(values("CHN", "NE.TRD.GNFS.ZS")).containsEntry(2024, 61.5);

        // The same file again (a second copy) is moved beside the first under a free name and changes nothing.
        WdiFiles.drop("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_140.csv", folder, null);
        ImportReport replay = importDropped();
        assertThat(replay.changedCells()).isZero();
        assertThat(folder.resolve("processed/API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_140.2.csv")).exists();
    }

    @Test
    void theCountryFileWithoutPreambleKeepsKnownSeriesOnly() {
        WdiFiles.drop("API_CHN_DS2_en_csv_v2_2097.csv", folder, null);
        ImportReport report = importDropped();

        assertThat(report.imported()).isTrue();
        assertThat(report.vintage()).isEqualTo("undated WDI file API_CHN_DS2_en_csv_v2_2097.csv");
        assertThat(report.seriesKept()).isEqualTo(2);
        assertThat(values("CHN", "SL.UEM.1524.ZS")).containsEntry(2023, 15.7).hasSize(5);
        assertThat(values("CHN", "NV.IND.MANF.ZS")).containsEntry(2019, 26.77).hasSize(5);
        assertThat(db.observations().series("CHN", "VC.IHR.PSRC.P5")).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("the file has no \"Last Updated Date\""))
                .contains("2 series Ballast does not know were left out: EN.ATM.CO2E.KT, VC.IHR.PSRC.P5",
                        "1 rows without any value were left out");
    }

    @Test
    void aMalformedFileGoesToFailedWithItsReasonAndNothingOfItIsStored() throws IOException {
        WdiFiles.drop("API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", folder, null);
        ImportReport report = importDropped();

        assertThat(report.imported()).isFalse();
        assertThat(report.reason()).isEqualTo("line 7 (DEU, GB.XPD.RSDV.GD.ZS), column 2015: \"n/a\" is not a number");
        // China's row before the bad one was fine, and is not stored either
        assertThat(db.observations().series("CHN", "GB.XPD.RSDV.GD.ZS")).isEmpty();
        assertThat(stored).isEmpty();
        Path failed = folder.resolve("failed/API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv");
        assertThat(failed).exists();
        assertThat(Files.readString(failed.resolveSibling(failed.getFileName() + ".report.txt")))
                .contains("result: failed, nothing was stored", "reason: line 7 (DEU, GB.XPD.RSDV.GD.ZS), column "
                        + "2015: \"n/a\" is not a number");
    }

    @Test
    void aFailureInsideTheTransactionRollsTheWholeFileBack() {
        String text = WdiFiles.text("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv").replace("NE.TRD.GNFS.ZS",
                "SL.UEM.TOTL.ZS");
        // China, Germany and the US store fine; then a row whose code the database cannot hold fails the batch
        text += "\"China\",\"CHN\",\"Too long\",\"" + "X".repeat(70) + "\",\"1\"\r\n";
        write("API_SL.UEM.TOTL.ZS_DS2_en_csv_v2_36.csv", text);

        ImportReport report = importDropped();

        assertThat(report.imported()).isFalse();
        assertThat(report.reason()).startsWith("the import failed and was rolled back");
        assertThat(db.observations().series("CHN", "SL.UEM.TOTL.ZS")).isEmpty();
        assertThat(db.observations().series("USA", "SL.UEM.TOTL.ZS")).isEmpty();
        assertThat(db.observations().vintage("SL.UEM.TOTL.ZS", "CHN")).isEmpty();
        assertThat(folder.resolve("failed/API_SL.UEM.TOTL.ZS_DS2_en_csv_v2_36.csv")).exists();
    }

    @Test
    void aFileStillBeingWrittenIsImportedOnlyOnceItHoldsStill() throws IOException {
        String text = WdiFiles.text("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv").replace("NE.TRD.GNFS.ZS",
                "BX.KLT.DINV.WD.GD.ZS");
        String name = "API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv";
        write(name, text.substring(0, text.length() / 2));
        assertThat(inbox.scan()).isEmpty();
        write(name, text);
        assertThat(inbox.scan()).as("it grew since the last scan").isEmpty();
        List<ImportReport> reports = inbox.scan();
        assertThat(reports).singleElement().satisfies(r -> assertThat(r.imported()).isTrue());
        assertThat(values("CHN", "BX.KLT.DINV.WD.GD.ZS")).hasSize(11);
    }

    @Test
    void otherFilesAreLeftAlone() {
        write("notes.txt", "not data");
        write("Metadata_Country_API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv", "\"Country Code\",\"Region\"\n");
        assertThat(inbox.scan()).isEmpty();
        assertThat(inbox.scan()).isEmpty();
        assertThat(folder.resolve("notes.txt")).exists();
        assertThat(folder.resolve("Metadata_Country_API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv")).exists();
        assertThat(folder.resolve("processed")).doesNotExist();
        assertThat(folder.resolve("failed")).doesNotExist();
    }

    private void write(String name, String text) {
        try {
            Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
            // make the change visible to a stamp even within the file system's time resolution
            Files.setLastModifiedTime(folder.resolve(name),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + text.length()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
