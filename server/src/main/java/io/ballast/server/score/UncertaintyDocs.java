package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ballast.server.score.uncertainty.Band;
import io.ballast.server.score.uncertainty.RankInterval;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The uncertainty analysis in the score documents: the composite's band, rank interval and sub-index bands, the
 * document's {@code uncertainty} status, and the sensitivity document. Only an analysis of the panel as it is now is
 * shown; otherwise the status says {@code pending} (or {@code off}).
 */
final class UncertaintyDocs {

    private final ObjectMapper json;
    private final Supplier<Optional<UncertaintyResult>> uncertainty;
    private final BooleanSupplier on;

    UncertaintyDocs(ObjectMapper json, Supplier<Optional<UncertaintyResult>> uncertainty, BooleanSupplier on) {
        this.json = json;
        this.uncertainty = uncertainty;
        this.on = on;
    }

    /** The sensitivity document of a region; empty when the analysis is done and the region has no composite. */
    Optional<ObjectNode> sensitivity(String region) {
        Optional<UncertaintyResult> result = uncertainty.get();
        ObjectNode doc = json.createObjectNode();
        doc.put("region", region);
        doc.put("status", status(result));
        if (result.isEmpty()) {
            return Optional.of(doc);
        }
        UncertaintyResult r = result.get();
        UncertaintyResult.Sensitivity s = r.sensitivity().get(region);
        if (s == null) {
            return Optional.empty();
        }
        doc.put("period", s.year());
        doc.put("samples", r.samples());
        doc.put("rows", s.rows());
        number(doc, "variance", s.variance());
        ArrayNode indices = doc.putArray("indices");
        for (var e : s.effects()) {
            ObjectNode item = indices.addObject();
            item.put("choice", e.factor());
            number(item, "first", e.first());
            number(item, "total", e.total());
        }
        r.cell(region, s.year()).ifPresent(cell -> doc.set("band", band(cell.composite())));
        doc.put("computedAt", r.computedAt().toString());
        return Optional.of(doc);
    }

    /** Adds the document's {@code uncertainty} object: the status, and the analysis's size and time when done. */
    void status(ObjectNode doc) {
        ObjectNode analysis = doc.putObject("uncertainty");
        Optional<UncertaintyResult> result = uncertainty.get();
        analysis.put("status", status(result));
        result.ifPresent(r -> {
            analysis.put("samples", r.samples());
            analysis.put("draws", r.draws());
            analysis.put("computedAt", r.computedAt().toString());
        });
    }

    /** Adds the composite's band, rank interval and sub-index bands of one region-year, when the analysis covers it. */
    void composite(ObjectNode node, String region, int year) {
        uncertainty.get().flatMap(r -> r.cell(region, year)).ifPresent(cell -> {
            node.set("band", band(cell.composite()));
            node.set("rankInterval", rankInterval(cell.rank(), cell.of()));
            ObjectNode sides = node.putObject("subindexBands");
            sides.set("vulnerability", band(cell.vulnerability()));
            sides.set("capacity", band(cell.capacity()));
        });
    }

    private String status(Optional<UncertaintyResult> result) {
        return result.isPresent() ? "done" : on.getAsBoolean() ? "pending" : "off";
    }

    private ObjectNode band(Band b) {
        ObjectNode node = json.createObjectNode();
        number(node, "p5", b.p5());
        number(node, "p50", b.p50());
        number(node, "p95", b.p95());
        node.put("defined", b.defined());
        node.put("draws", b.draws());
        return node;
    }

    private ObjectNode rankInterval(RankInterval r, int of) {
        ObjectNode node = json.createObjectNode();
        if (r.isDefined()) {
            node.put("best", r.p5());
            node.put("median", r.p50());
            node.put("worst", r.p95());
        } else {
            node.putNull("best");
            node.putNull("median");
            node.putNull("worst");
        }
        node.put("of", of);
        node.put("ranked", r.ranked());
        node.put("draws", r.draws());
        return node;
    }

    /** A number, or null for NaN (JSON has no NaN). */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, Numbers.round(value, 4));
        }
    }
}
