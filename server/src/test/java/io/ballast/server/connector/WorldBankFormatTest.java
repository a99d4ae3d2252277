package io.ballast.server.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the World Bank API v2 answer: the real shape, its variations, and what is refused. */
class WorldBankFormatTest {

    private final WorldBankFormat format = new WorldBankFormat(new ObjectMapper());

    private WorldBankPage parse(String indicator, String body) {
        return format.parse("CHN", indicator, "CHN/" + indicator + " page 1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsMetaPointsAndGapsOfARealAnswer() {
        WorldBankPage page = parse("NE.TRD.GNFS.ZS", WorldBankStub.resource("trade-chn-page-1.json"));
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.pages()).isEqualTo(3);
        assertThat(page.perPage()).isEqualTo(2);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.lastUpdated()).isEqualTo("2026-04-08");
        assertThat(page.indicatorName()).isEqualTo("Trade (% of GDP)");
        assertThat(page.rows()).isEqualTo(2);
        assertThat(page.points()).containsExactly(new WorldBankPage.Point(2023, 36.1051923691138));
    }

    @Test
    void perPageMayComeAsText() {
        assertThat(parse("NE.TRD.GNFS.ZS", WorldBankStub.resource("trade-chn-page-2.json")).perPage()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutDataIsEmpty() {
        WorldBankPage page = parse("SL.IND.EMPL.ZS", WorldBankStub.resource("empty.json"));
        assertThat(page.total()).isZero();
        assertThat(page.points()).isEmpty();
    }

    @Test
    void theErrorShapeIsRefusedWithTheApisOwnWords() {
        assertThatThrownBy(() -> parse("X", WorldBankStub.resource("error-invalid-value.json")))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.REFUSED);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessage("CHN/X page 1: the World Bank API refused the request: 120 Invalid value: The provided "
                        + "parameter value is not valid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | <html>busy</html> | the answer is not valid JSON",
        "truncated | [{\"page\":1 | the answer is not valid JSON",
        "an object | {\"page\":1} | not the JSON array [meta, observations]",
        "one element | [{\"page\":1}] | not the two-element array",
        "per_page not a number | [{\"page\":1,\"pages\":1,\"per_page\":\"many\",\"total\":0},null] | meta.per_page is \"many\"",
        "pages missing | [{\"page\":1,\"per_page\":50,\"total\":0},null] | meta.pages is missing",
        "observations an object | [{\"page\":1,\"pages\":1,\"per_page\":50,\"total\":1},{}] | neither an array nor null",
        "quarterly date | [{\"page\":1,\"pages\":1,\"per_page\":50,\"total\":1},[{\"date\":\"2023Q1\",\"value\":1}]] | only annual series",
        "value as text | [{\"page\":1,\"pages\":1,\"per_page\":50,\"total\":1},[{\"date\":\"2023\",\"value\":\"1.5\"}]] | not a finite number or null",
        "another country | [{\"page\":1,\"pages\":1,\"per_page\":50,\"total\":1},[{\"countryiso3code\":\"USA\",\"date\":\"2023\",\"value\":1}]] | of country USA, not CHN",
        "another indicator | [{\"page\":1,\"pages\":1,\"per_page\":50,\"total\":1},[{\"indicator\":{\"id\":\"SP.POP.TOTL\"},\"date\":\"2023\",\"value\":1}]] | of indicator SP.POP.TOTL"
    })
    void aMalformedAnswerIsRefusedWithWhatIsWrong(String name, String body, String expected) {
        assertThatThrownBy(() -> parse("NE.TRD.GNFS.ZS", body))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.MALFORMED))
                .hasMessageStartingWith("CHN/NE.TRD.GNFS.ZS page 1: ")
                .hasMessageContaining(expected);
    }
}
