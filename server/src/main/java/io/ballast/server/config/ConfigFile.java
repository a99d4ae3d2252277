package io.ballast.server.config;

import java.util.List;
import java.util.Map;

/**
 * The configuration file's shape, key for key: what the binder reads the merged YAML into. {@link #split()} sorts its
 * sections into the start-up half and the reloadable half; checks that span sections sit here.
 */
record ConfigFile(Startup.Server server, Startup.Logging logging, Startup.Data data, DatabaseSettings database,
                  Cluster cluster, List<BallastConfig.Region> regions,
                  BallastConfig.Scoring scoring, Map<String, BallastConfig.IndicatorSettings> indicators,
                  Startup.Plugins plugins, Startup.Ingest ingest, Connectors connectors,
                  BallastConfig.Alerts alerts,
                  Startup.Stream stream, Security security, Uncertainty uncertainty) {

    ConfigFile {
        indicators = indicators == null ? Map.of() : indicators;
        for (String id : indicators.keySet()) {
            Invalid.unless(id.matches("[a-z0-9]+(-[a-z0-9]+)*"), "indicators." + id,
                    "an indicator id of lower-case letters, digits and dashes");
        }
        Invalid.unless(!cluster.enabled() || !database.embedded(), "cluster.enabled", "false while database.url is "
                + "empty: the nodes of a cluster share one database server, and the embedded H2 file is this node's "
                + "alone");
        for (String region : connectors.worldBank().regions()) {
            Invalid.unless(regions != null && regions.stream().anyMatch(r -> r.code().equals(region)),
                    "connectors.worldbank.regions", "a list of configured regions, but " + region
                            + " is not in 'regions'");
        }
    }

    /** The two halves. */
    BallastConfig split() {
        return new BallastConfig(
                new Startup(server, logging, data, database, cluster, plugins, ingest, connectors, alerts.webhook(), stream, security),
                new BallastConfig.Reloadable(regions, scoring, indicators, alerts.rules(), uncertainty));
    }
}
