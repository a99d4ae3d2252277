package io.ballast.server.ingest;

/** What a stored batch did: how many observations it carried and how many (region, year) cells changed. */
public record IngestResult(int accepted, int changedCells) {
}
