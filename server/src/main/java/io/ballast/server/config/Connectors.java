package io.ballast.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.regex.Pattern;

/** Sources Ballast pulls from on a schedule: the World Bank API and the Federal Register. */
public record Connectors(@JsonProperty("worldbank") WorldBank worldBank,
                         @JsonProperty("federalregister") FederalRegister federalRegister) {

    private static final Pattern REGION = Pattern.compile("[A-Z]{3}");
    private static final Pattern SERIES_CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Connectors {
        Invalid.present(worldBank, "worldbank", "a mapping");
        Invalid.present(federalRegister, "federalregister", "a mapping");
    }

    /**
     * The Federal Register connector (US export-control rules of the Bureau of Industry and Security): whether it
     * runs, where, from which publication date on, how far back each later run looks again, how often, the page size,
     * the timeouts and retries, and whether a rule's full text may be read when its abstract does not say enough.
     */
    public record FederalRegister(boolean enabled, String baseUrl, String since,
                                  @Range(min = 0, max = 3650) int lookbackDays,
                                  @Range(min = 1, max = 31_536_000) int intervalSeconds,
                                  @Range(min = 1, max = 1000) int perPage,
                                  @Range(min = 10, max = 600_000) int connectTimeoutMs,
                                  @Range(min = 10, max = 600_000) int timeoutMs,
                                  @Range(min = 0, max = 20) int retries,
                                  @Range(min = 0, max = 600_000) int backoffMs, boolean fullText) {
        public FederalRegister {
            baseUrl = Startup.httpUrl(Invalid.text(baseUrl, "base-url").strip(), "base-url", false,
                    "https://www.federalregister.gov").replaceAll("/+$", "");
            Invalid.text(since, "since");
            try {
                java.time.LocalDate.parse(since.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new Invalid("since", "a date YYYY-MM-DD such as 2025-12-01, not '" + since + "'");
            }
            since = since.strip();
        }

        /** The first publication date read. */
        public java.time.LocalDate sinceDate() {
            return java.time.LocalDate.parse(since);
        }
    }

    /**
     * The World Bank API v2 connector: whether it runs, where, which indicators of which regions, how often, the page
     * size, the connect and idle timeouts, and how many retries with how long a first backoff (doubling each time).
     */
    public record WorldBank(boolean enabled, String baseUrl,
                            @JsonDeserialize(using = ConfigTypes.CommaList.class) List<String> indicators,
                            @JsonDeserialize(using = ConfigTypes.CommaList.class) List<String> regions,
                            @Range(min = 1, max = 31_536_000) int intervalSeconds,
                            @Range(min = 1, max = 20_000) int perPage,
                            @Range(min = 10, max = 600_000) int connectTimeoutMs,
                            @Range(min = 10, max = 600_000) int timeoutMs, @Range(min = 0, max = 20) int retries,
                            @Range(min = 0, max = 600_000) int backoffMs) {
        public WorldBank {
            baseUrl = Startup.httpUrl(Invalid.text(baseUrl, "base-url").strip(), "base-url", false,
                    "https://api.worldbank.org").replaceAll("/+$", "");
            indicators = codes(indicators, "indicators", SERIES_CODE, "World Bank indicator codes such as "
                    + "NE.TRD.GNFS.ZS");
            regions = codes(regions, "regions", REGION, "ISO 3166-1 alpha-3 codes such as CHN");
        }

        private static List<String> codes(List<String> codes, String key, Pattern pattern, String what) {
            for (String code : codes) {
                Invalid.unless(pattern.matcher(code).matches(), key, "a list of " + what + ", but '" + code
                        + "' is not one");
            }
            return List.copyOf(new java.util.LinkedHashSet<>(codes));
        }
    }
}
