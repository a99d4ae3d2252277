package io.ballast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordValidationTest {

    private static final Component COMPONENT = new Component("FDI", "BX.KLT.DINV.WD.GD.ZS", 0.28, 5.6, 0.5);

    @Nested
    class IndicatorReadingChecks {

        private IndicatorReading reading(double score, String explanation, double coverage) {
            return new IndicatorReading(score, List.of(COMPONENT), explanation, coverage, List.of());
        }

        @Test
        void acceptsAScoreAtEitherEndOfTheScaleAndFullCoverage() {
            assertThat(reading(0, "why", 1).score()).isEqualTo(0);
            assertThat(reading(100, "why", 0.5).score()).isEqualTo(100);
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejectsAScoreThatIsNotAFiniteNumber(double score) {
            assertThatThrownBy(() -> reading(score, "why", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("score");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.001, 100.001, -50, 1000})
        void rejectsAScoreOutsideZeroToHundred(double score) {
            assertThatThrownBy(() -> reading(score, "why", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("score");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.1, 1.0001, 2, Double.NaN})
        void rejectsCoverageOutsideZeroToOne(double coverage) {
            assertThatThrownBy(() -> reading(50, "why", coverage))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("coverage");
        }

        @Test
        void rejectsZeroCoverageBecauseNothingWasMeasured() {
            assertThatThrownBy(() -> reading(50, "why", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MissingDataException");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n"})
        void rejectsABlankExplanation(String explanation) {
            assertThatThrownBy(() -> reading(50, explanation, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("explanation");
        }

        @Test
        void rejectsANullExplanation() {
            assertThatThrownBy(() -> reading(50, null, 1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void keepsAnImmutableCopyOfItsLists() {
            var components = new ArrayList<>(List.of(COMPONENT));
            var missing = new ArrayList<>(List.of("NE.TRD.GNFS.ZS"));
            var reading = new IndicatorReading(5.6, components, "why", 0.75, missing);

            components.clear();
            missing.add("SL.UEM.TOTL.ZS");

            assertThat(reading.components()).containsExactly(COMPONENT);
            assertThat(reading.missing()).containsExactly("NE.TRD.GNFS.ZS");
            assertThatThrownBy(() -> reading.components().add(COMPONENT))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> reading.missing().add("X"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class ComponentChecks {

        @Test
        void keepsItsValues() {
            assertThat(COMPONENT.label()).isEqualTo("FDI");
            assertThat(COMPONENT.series()).isEqualTo("BX.KLT.DINV.WD.GD.ZS");
            assertThat(COMPONENT.raw()).isCloseTo(0.28, within(1e-9));
            assertThat(COMPONENT.normalised()).isCloseTo(5.6, within(1e-9));
            assertThat(COMPONENT.weight()).isCloseTo(0.5, within(1e-9));
        }

        @Test
        void acceptsANegativeRawValueBecauseSomeSeriesGoBelowZero() {
            assertThatCode(() -> new Component("FDI", "S", -1.2, 0, 1)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejectsARawValueThatIsNotAFiniteNumber(double raw) {
            assertThatThrownBy(() -> new Component("FDI", "S", raw, 50, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("raw value of 'FDI'");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.01, 100.01, Double.NaN})
        void rejectsANormalisedValueOutsideZeroToHundred(double normalised) {
            assertThatThrownBy(() -> new Component("FDI", "S", 1, normalised, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("normalised value of 'FDI'");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-0.5, -1e-12, Double.NaN, Double.POSITIVE_INFINITY})
        void rejectsANegativeOrNonFiniteWeight(double weight) {
            assertThatThrownBy(() -> new Component("FDI", "S", 1, 50, weight))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weight of 'FDI'");
        }

        @Test
        void acceptsAZeroWeight() {
            assertThat(new Component("FDI", "S", 1, 50, 0).weight()).isZero();
        }

        @Test
        void rejectsABlankLabelOrSeries() {
            assertThatThrownBy(() -> new Component(" ", "S", 1, 50, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Component("FDI", "", 1, 50, 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class IndicatorDescriptorChecks {

        private static final Parameter WEIGHT = new Parameter("fdi.weight", 0.5, "weight of FDI");

        private IndicatorDescriptor descriptor(String id, List<String> inputs, List<Parameter> parameters) {
            return new IndicatorDescriptor(id, "Name", "Description", "1.0.0", inputs, parameters);
        }

        @ParameterizedTest
        @ValueSource(strings = {"foreign-investment", "a", "x9", "labor-conditions-2"})
        void acceptsLowerCaseIdsWithSingleDashes(String id) {
            assertThat(descriptor(id, List.of("S"), List.of()).id()).isEqualTo(id);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "Foreign-investment", "FDI", "foreign investment", "foreign--investment",
                "-fdi", "fdi-", "fdi_trend", "fdi.trend"})
        void rejectsBlankUpperCaseSpacedOrBadlyDashedIds(String id) {
            assertThatThrownBy(() -> descriptor(id, List.of("S"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("indicator id");
        }

        @Test
        void rejectsAnIndicatorWithoutInputs() {
            assertThatThrownBy(() -> descriptor("fdi", List.of(), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least one input");
        }

        @Test
        void rejectsABlankInputSeriesCode() {
            assertThatThrownBy(() -> descriptor("fdi", List.of("S", " "), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input series code");
        }

        @Test
        void rejectsAParameterNameDeclaredTwice() {
            var again = new Parameter("fdi.weight", 0.7, "another weight");
            assertThatThrownBy(() -> descriptor("fdi", List.of("S"), List.of(WEIGHT, again)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'fdi.weight' twice");
        }

        @Test
        void rejectsABlankNameDescriptionOrVersion() {
            assertThatThrownBy(() -> new IndicatorDescriptor("fdi", " ", "d", "1", List.of("S"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> new IndicatorDescriptor("fdi", "n", "", "1", List.of("S"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description");
            assertThatThrownBy(() -> new IndicatorDescriptor("fdi", "n", "d", " ", List.of("S"), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        }

        @Test
        void keepsAnImmutableCopyOfItsLists() {
            var inputs = new ArrayList<>(List.of("A", "B"));
            var parameters = new ArrayList<>(List.of(WEIGHT));
            var descriptor = descriptor("fdi", inputs, parameters);

            inputs.add("C");
            parameters.clear();

            assertThat(descriptor.inputs()).containsExactly("A", "B");
            assertThat(descriptor.parameters()).containsExactly(WEIGHT);
            assertThatThrownBy(() -> descriptor.inputs().add("C"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> descriptor.parameters().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class ParameterChecks {

        @Test
        void keepsItsNameDefaultAndDescription() {
            var p = new Parameter("fdi.lower", -2.5, "lower goalpost");
            assertThat(p.name()).isEqualTo("fdi.lower");
            assertThat(p.defaultValue()).isCloseTo(-2.5, within(1e-9));
            assertThat(p.description()).isEqualTo("lower goalpost");
        }

        @Test
        void rejectsABlankName() {
            assertThatThrownBy(() -> new Parameter(" ", 1, "d"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter name");
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void rejectsADefaultThatIsNotAFiniteNumber(double value) {
            assertThatThrownBy(() -> new Parameter("w", value, "d"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default of parameter 'w'");
        }

        @Test
        void rejectsABlankDescription() {
            assertThatThrownBy(() -> new Parameter("w", 1, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description of parameter 'w'");
        }
    }

    @Nested
    class HealthChecks {

        @Test
        void healthyConstantIsHealthyAndSaysOk() {
            assertThat(Health.HEALTHY.healthy()).isTrue();
            assertThat(Health.HEALTHY.detail()).isEqualTo("ok");
        }

        @Test
        void unhealthyCarriesItsReason() {
            var health = Health.unhealthy("source unreachable");
            assertThat(health.healthy()).isFalse();
            assertThat(health.detail()).isEqualTo("source unreachable");
        }

        @Test
        void rejectsABlankOrNullDetail() {
            assertThatThrownBy(() -> Health.unhealthy(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Health(true, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anIndicatorIsHealthyUnlessItSaysOtherwise() {
            Indicator indicator = new Indicator() {
                @Override
                public IndicatorDescriptor descriptor() {
                    return new IndicatorDescriptor("x", "X", "d", "1", List.of("S"), List.of());
                }

                @Override
                public IndicatorReading measure(IndicatorContext context) {
                    throw new MissingDataException(List.of("S"));
                }
            };
            assertThat(indicator.checkHealth()).isSameAs(Health.HEALTHY);
            assertThatCode(indicator::close).doesNotThrowAnyException();
        }
    }

    @Nested
    class MissingDataExceptionChecks {

        @Test
        void namesTheAbsentSeriesInItsMessageAndKeepsAnImmutableCopy() {
            var missing = new ArrayList<>(List.of("A", "B"));
            var e = new MissingDataException(missing);
            missing.add("C");

            assertThat(e.getMessage()).isEqualTo("no data for A, B");
            assertThat(e.missing()).containsExactly("A", "B");
            assertThatThrownBy(() -> e.missing().add("C")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class ComponentV11Checks {

        private final Goalposts zeroToTen = new Goalposts(0, 10, Direction.HIGHER_IS_BETTER);

        @Test
        void aComponentBuiltTheApi10WayIsKeyedByItsSeriesUntaggedAndOfTheMeasuredYear() {
            var legacy = new Component("FDI", "BX.KLT.DINV.WD.GD.ZS", 0.28, 5.6, 0.5);

            assertThat(legacy.key()).isEqualTo("BX.KLT.DINV.WD.GD.ZS");
            assertThat(legacy.role()).isEmpty();
            assertThat(legacy.goalposts()).isEmpty();
            assertThat(legacy.lag()).isZero();
            assertThat(legacy.carried()).isFalse();
        }

        @Test
        void rejectsANormalisedValueItsOwnGoalpostsDoNotGive() {
            assertThatThrownBy(() -> new Component("fdi", "FDI", "S", 4, 41, 1, Optional.empty(),
                    Optional.of(zeroToTen), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("goalposts").hasMessageContaining("give 40.0");
            assertThatCode(() -> new Component("fdi", "FDI", "S", 4, 40, 1, Optional.of(Role.CAPACITY),
                    Optional.of(zeroToTen), 2)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 101})
        void rejectsALagOutsideZeroToAHundredYears(int lag) {
            assertThatThrownBy(() -> new Component("fdi", "FDI", "S", 4, 40, 1, Optional.empty(), Optional.empty(),
                    lag)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lag of 'FDI'");
        }

        @Test
        void rejectsNullRoleOrGoalpostsInsteadOfEmpty() {
            assertThatThrownBy(() -> new Component("fdi", "FDI", "S", 4, 40, 1, null, Optional.empty(), 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class BasketAndPolicyChecks {

        private final Goalposts goalposts = new Goalposts(0, 10, Direction.HIGHER_IS_BETTER);

        @Test
        void aDescriptorsBasketReadsOnlyItsDeclaredInputs() {
            var spec = new InputSpec("rnd", "R&D", List.of("GB.XPD.RSDV.GD.ZS"), Optional.of(Role.CAPACITY),
                    goalposts, 1);
            assertThatCode(() -> new IndicatorDescriptor("x", "X", "d", "1", List.of("GB.XPD.RSDV.GD.ZS"), List.of(),
                    List.of(spec))).doesNotThrowAnyException();
            assertThatThrownBy(() -> new IndicatorDescriptor("x", "X", "d", "1", List.of("OTHER"), List.of(),
                    List.of(spec))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reads GB.XPD.RSDV.GD.ZS, which is not among its inputs");
            assertThatThrownBy(() -> new IndicatorDescriptor("x", "X", "d", "1", List.of("GB.XPD.RSDV.GD.ZS"),
                    List.of(), List.of(spec, spec))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("declares input 'rnd' twice");
            assertThat(new IndicatorDescriptor("x", "X", "d", "1", List.of("A"), List.of()).basket()).isEmpty();
        }

        @Test
        void anInputKeyIsLowerCaseWordsJoinedByDashes() {
            assertThatThrownBy(() -> new InputSpec("R&D", "R&D", List.of(), Optional.empty(), goalposts, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @CsvSource({"-1, 0.7", "11, 0.7", "2, -0.1", "2, 1.1"})
        void aMissingDataPolicyStaysWithinItsRanges(int years, double coverage) {
            assertThatThrownBy(() -> new MissingDataPolicy(years, coverage))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aPolicyEventNeedsAKnownDirectionAndNonNegativeEntities() {
            assertThatThrownBy(() -> event("loosen", OptionalInt.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tighten");
            assertThatThrownBy(() -> event("tighten", OptionalInt.of(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
            assertThat(event("relax", OptionalInt.of(3)).tightens()).isFalse();
            assertThat(event("tighten", OptionalInt.empty()).tightens()).isTrue();
        }

        private PolicyEvent event(String direction, OptionalInt entities) {
            return new PolicyEvent("e1", LocalDate.of(2023, 1, 1), "USA", List.of("CHN"), "entity-listing",
                    direction, "targeted", entities, "A listing");
        }
    }

    @Test
    void apiVersionIsMajorDotMinor() {
        assertThat(IndicatorApi.version()).isEqualTo(IndicatorApi.MAJOR + "." + IndicatorApi.MINOR);
        assertThat(IndicatorApi.version()).isEqualTo("1.1");
    }
}
