package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * History documents: one indicator's (or the composite's) scores of a region over a span of years, from the panel,
 * each point with its coverage and like-for-like change (the composite's also with its warnings, rank and band), and
 * the years without a score listed apart with the reason.
 */
final class HistoryDocuments {

    private final Panel panel;
    private final ObjectMapper json;
    private final YearRanks ranks;
    private final UncertaintyDocs uncertaintyDocs;

    HistoryDocuments(Panel panel, ObjectMapper json, YearRanks ranks, UncertaintyDocs uncertaintyDocs) {
        this.panel = panel;
        this.json = json;
        this.ranks = ranks;
        this.uncertaintyDocs = uncertaintyDocs;
    }

    /** The document of {@code indicator} (or the composite) for {@code region}, years {@code from} to {@code to}. */
    ObjectNode build(String region, String indicator, int from, int to) {
        ObjectNode doc = json.createObjectNode();
        doc.put("region", region);
        doc.put("indicator", indicator);
        doc.put("from", from);
        doc.put("to", to);
        ArrayNode points = doc.putArray("points");
        ArrayNode withheld = json.createArrayNode();
        boolean composite = indicator.equals(ScoreQueries.COMPOSITE);
        for (YearScores y : panel.years(region)) {
            if (y.period() < from || y.period() > to) {
                continue;
            }
            if (composite) {
                point(points, withheld, y.period(), y.composite().score(), y.composite().coverage(),
                        y.composite().change(), y.composite().withheld(), node -> {
                            if (!y.composite().warnings().isEmpty()) {
                                node.set("warnings", json.valueToTree(y.composite().warnings()));
                            }
                            node.set("rank", json.valueToTree(ranks.of(y.period()).get(region)));
                            uncertaintyDocs.composite(node, region, y.period());
                        });
            } else {
                y.indicators().stream().filter(s -> s.id().equals(indicator)).findFirst().ifPresent(s ->
                        point(points, withheld, y.period(), s.score(), s.coverage(), s.change(), s.withheld(),
                                node -> {
                                    if (!s.basket().carried().isEmpty()) {
                                        node.set("carried", json.valueToTree(s.basket().carried()));
                                    }
                                }));
            }
        }
        doc.set("withheld", withheld);
        return doc;
    }

    private void point(ArrayNode points, ArrayNode withheld, int period, Double score, double coverage, Change change,
                       String reason, java.util.function.Consumer<ObjectNode> more) {
        if (score == null) {
            ObjectNode gap = withheld.addObject();
            gap.put("period", period);
            gap.put("reason", reason);
            return;
        }
        ObjectNode node = points.addObject();
        node.put("period", period);
        node.put("score", score);
        node.put("coverage", coverage);
        if (change != null) {
            node.set("change", json.valueToTree(change));
        }
        more.accept(node);
    }
}
