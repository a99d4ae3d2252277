package io.ballast.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole, validated configuration: what {@code ballast.yaml} plus environment overrides say, in two halves. The
 * {@link Startup} half is read once; the {@link Reloadable} half may be replaced while the server runs, and a reload is
 * one swap of it ({@link #with(Reloadable)}). The section accessors below read through to the half that holds them.
 */
public record BallastConfig(Startup startup, Reloadable reloadable) {

    private static final Pattern REGION = Pattern.compile("[A-Z]{3}");
    private static final Pattern INPUT_KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** This configuration with another reloadable half. */
    public BallastConfig with(Reloadable next) {
        return new BallastConfig(startup, next);
    }

    /**
     * What may change while the server runs: the regions, how the composite is formed, the indicators' weights,
     * switches and parameters, and the alert rules.
     */
    public record Reloadable(List<Region> regions, Scoring scoring, Map<String, IndicatorSettings> indicators,
                             List<AlertRule> alertRules, Uncertainty uncertainty) {
        public Reloadable {
            Invalid.unless(regions != null && !regions.isEmpty(), "regions", "a non-empty list of {code, name} entries");
            var seen = new HashSet<String>();
            for (int i = 0; i < regions.size(); i++) {
                Region r = regions.get(i);
                String at = "regions[" + i + "]";
                Invalid.unless(r.code() != null && r.name() != null, at, "{code: ISO3, name: text}");
                Invalid.unless(REGION.matcher(r.code()).matches(), at + ".code", "three upper-case letters (ISO "
                        + "3166-1 alpha-3, such as CHN), not '" + r.code() + "'");
                Invalid.text(r.name(), at + ".name");
                Invalid.unless(seen.add(r.code()), "regions", "each code once, but " + r.code() + " appears twice");
            }
            for (int i = 0; i < alertRules.size(); i++) {
                alertRules.get(i).check("alerts.rules[" + i + "]");
            }
            Invalid.unless(indicators.isEmpty()
                            || indicators.values().stream().mapToDouble(IndicatorSettings::weight).sum() > 0,
                    "indicators", "at least one indicator with a weight above 0");
            Invalid.present(uncertainty, "uncertainty", "a mapping with enabled, samples, indicator-weights, "
                    + "input-weights, goalposts, aggregations, carry-forward-years and scenario-samples");
            regions = List.copyOf(regions);
            indicators = Map.copyOf(indicators);
            alertRules = List.copyOf(alertRules);
        }

        /** The composite weight of an indicator: its configured weight, or 1 when the config does not name it. */
        public double weightOf(String indicatorId) {
            IndicatorSettings s = indicators.get(indicatorId);
            return s == null ? 1.0 : s.weight();
        }

        /** Whether an indicator may run: enabled unless the config says otherwise. */
        public boolean enabled(String indicatorId) {
            IndicatorSettings s = indicators.get(indicatorId);
            return s == null || s.enabled();
        }

        /** The parameter overrides of an indicator. */
        public Map<String, Double> settingsOf(String indicatorId) {
            IndicatorSettings s = indicators.get(indicatorId);
            return s == null ? Map.of() : s.settings();
        }

        /** The configured region with this code, if any. */
        public Optional<Region> region(String code) {
            return regions.stream().filter(r -> r.code().equals(code)).findFirst();
        }
    }

    /** An economy to score: ISO 3166-1 alpha-3 code and display name (checked by {@link Reloadable}). */
    public record Region(String code, String name) {
    }

    /** How the composite is formed: method, coverage needed, first year, how gaps are filled, the divergence test. */
    public record Scoring(CompositeMethod method, @Range(min = 0, max = 1) double minCoverage,
                          @Range(min = 1900, max = 2100) int fromYear, Missing missing, Divergence divergence) {
        public Scoring {
            Invalid.present(method, "method", "geometric or arithmetic");
            Invalid.present(missing, "missing", "a mapping with carry-forward-years and min-input-coverage");
            Invalid.present(divergence, "divergence", "a mapping with capacity, capacity-inputs, labor, window and "
                    + "min-change");
        }
    }

    /**
     * How missing inputs are handled: a value may be carried forward this many years from its last observation, and
     * a reading needs at least this share of its input weight present or carried.
     */
    public record Missing(@Range(min = 0, max = 10) int carryForwardYears,
                          @Range(min = 0, max = 1) double minInputCoverage) {
    }

    /**
     * When the composite warns that capacity rises while labor conditions fall: the two indicators, the capacity
     * indicator's inputs the test reads, the window in years and the least change that counts.
     */
    public record Divergence(String capacity,
                             @JsonDeserialize(using = ConfigTypes.CommaList.class) List<String> capacityInputs,
                             String labor, @Range(min = 1, max = 50) int window,
                             @Range(min = 0, max = 100) double minChange) {
        public Divergence {
            Invalid.text(capacity, "capacity");
            Invalid.text(labor, "labor");
            for (String input : capacityInputs) {
                Invalid.unless(INPUT_KEY.matcher(input).matches(), "capacity-inputs", "a list of input keys such as "
                        + "patents, but '" + input + "' is not one");
            }
        }
    }

    /** One indicator's composite weight, whether it is enabled, and its parameter overrides (names may hold dots). */
    public record IndicatorSettings(double weight, boolean enabled, Map<String, Double> settings) {

        /** Reads one entry of {@code indicators}: a key left out keeps its default (weight 1, enabled, no overrides). */
        @JsonCreator
        static IndicatorSettings of(@JsonProperty("weight") @Range(min = 0, max = 1000) Double weight,
                                    @JsonProperty("enabled") Boolean enabled,
                                    @JsonProperty("settings") @Range(min = -1e12, max = 1e12) Map<String, Double> settings) {
            return new IndicatorSettings(weight == null ? 1.0 : weight, enabled == null || enabled,
                    settings == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(settings)));
        }
    }

    /** One alert rule: on which score, and when it fires (checked by {@link Reloadable}). */
    public record AlertRule(String name, String indicator, Optional<Double> below, Optional<Double> drop,
                            boolean divergence) {
        public AlertRule {
            below = below == null ? Optional.empty() : below;
            drop = drop == null ? Optional.empty() : drop;
        }

        /** Checked once the entry is read whole, so that a misspelt key is named before a missing one. */
        void check(String at) {
            Invalid.text(name, at + ".name");
            Invalid.unless(indicator != null && !indicator.isBlank(), at + ".indicator", "composite or an indicator id");
            Invalid.unless(below.isPresent() || drop.isPresent() || divergence, at,
                    "a rule that says when it fires: below, drop or divergence");
        }
    }

    /** The {@code alerts} section as the file has it: the rules (reloadable) and the webhook (start-up). */
    public record Alerts(List<AlertRule> rules, Startup.Webhook webhook) {
        public Alerts {
            Invalid.present(rules, "rules", "a list of {name, indicator, below?, drop?, divergence?}");
            Invalid.present(webhook, "webhook", "a mapping with url, retries and timeout-ms");
        }
    }

    /** How indicator scores are combined into the composite. */
    public enum CompositeMethod { GEOMETRIC, ARITHMETIC }

    public Startup.Server server() {
        return startup.server();
    }

    public Startup.Data data() {
        return startup.data();
    }

    public Startup.Plugins plugins() {
        return startup.plugins();
    }

    public Startup.Ingest ingest() {
        return startup.ingest();
    }

    public Connectors connectors() {
        return startup.connectors();
    }

    public DatabaseSettings database() {
        return startup.database();
    }

    public Cluster cluster() {
        return startup.cluster();
    }

    public Startup.Stream stream() {
        return startup.stream();
    }

    public Security security() {
        return startup.security();
    }

    public Startup.Logging logging() {
        return startup.logging();
    }

    public Startup.Webhook webhook() {
        return startup.webhook();
    }

    public List<Region> regions() {
        return reloadable.regions();
    }

    public Scoring scoring() {
        return reloadable.scoring();
    }

    public Map<String, IndicatorSettings> indicators() {
        return reloadable.indicators();
    }

    public Uncertainty uncertainty() {
        return reloadable.uncertainty();
    }

    /** The alert rules in force and the webhook. */
    public Alerts alerts() {
        return new Alerts(reloadable.alertRules(), startup.webhook());
    }

    /** The composite weight of an indicator: its configured weight, or 1 when the config does not name it. */
    public double weightOf(String indicatorId) {
        return reloadable.weightOf(indicatorId);
    }

    /** Whether an indicator may run: enabled unless the config says otherwise. */
    public boolean enabled(String indicatorId) {
        return reloadable.enabled(indicatorId);
    }

    /** The parameter overrides of an indicator. */
    public Map<String, Double> settingsOf(String indicatorId) {
        return reloadable.settingsOf(indicatorId);
    }

    /** The configured region with this code, if any. */
    public Optional<Region> region(String code) {
        return reloadable.region(code);
    }
}
