package io.ballast.server.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What importing one inbox file did, written beside it as {@code <file>.report.txt}: imported or failed (with the
 * reason), the vintage, what was kept and what was left out, and where the file went.
 */
public record ImportReport(String file, boolean imported, String reason, String vintage, int seriesKept,
                           int observations, int changedCells, List<String> notes, Path movedTo, Instant at) {

    public ImportReport {
        notes = List.copyOf(notes);
    }

    /** The report file's text. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("file: ").append(file).append('\n');
        out.append("result: ").append(imported ? "imported" : "failed, nothing was stored").append('\n');
        if (!imported) {
            out.append("reason: ").append(reason).append('\n');
        }
        out.append("at: ").append(at).append('\n');
        if (vintage != null) {
            out.append("vintage: ").append(vintage).append('\n');
        }
        if (imported) {
            out.append("kept: ").append(seriesKept).append(" series of configured regions, ").append(observations)
                    .append(" observations, ").append(changedCells).append(" (region, year) cells changed\n");
        }
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        return out.toString();
    }
}
