package io.ballast.testkit;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.api.Component;
import io.ballast.api.Goalposts;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Input;
import io.ballast.api.MissingDataException;
import io.ballast.api.Parameter;
import io.ballast.api.WeightedIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class IndicatorContractTest {

    private static final String X = "SERIES.X";
    private static final String Y = "SERIES.Y";

    /** A well-behaved WeightedIndex indicator with a level, a change and a ratio. */
    static final class Openness implements Indicator {
        private static final WeightedIndex INDEX = WeightedIndex.named("Openness")
                .input("level", "X level", Input.level(X), new Goalposts(0, 50, HIGHER_IS_BETTER), 0.5)
                .input("trend", "X 2-year change", Input.change(X, 2), new Goalposts(-5, 5, HIGHER_IS_BETTER), 0.2)
                .input("ratio", "X per Y", Input.ratio(X, Y, 100), new Goalposts(0, 300, LOWER_IS_BETTER), 0.3)
                .build();
        private static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor("openness", "Openness",
                "A test index.", "1.0.0", INDEX.inputs(), INDEX.parameters());

        @Override
        public IndicatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            return INDEX.measure(context);
        }
    }

    /** A well-behaved indicator written by hand: the mean of X and Y clamped to 0-100, over those present. */
    static class MeanOfPresent implements Indicator {
        static final IndicatorDescriptor DESCRIPTOR = new IndicatorDescriptor("mean-of-present", "Mean of present",
                "The mean of two inputs, clamped.", "1.0.0", List.of(X, Y),
                List.of(new Parameter("cap", 100, "the highest score")));

        @Override
        public IndicatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public IndicatorReading measure(IndicatorContext context) {
            var components = new ArrayList<Component>();
            var missing = new ArrayList<String>();
            double cap = context.setting("cap");
            for (String code : List.of(X, Y)) {
                OptionalDouble v = context.value(code);
                if (v.isEmpty()) {
                    missing.add(code);
                } else {
                    double raw = v.getAsDouble();
                    components.add(new Component(code, code, raw, Math.min(cap, Math.max(0, raw)), 1));
                }
            }
            if (components.isEmpty()) {
                throw new MissingDataException(missing);
            }
            double score = components.stream().mapToDouble(Component::normalised).average().orElseThrow();
            return new IndicatorReading(score, components, "Mean " + score + ".", components.size() / 2.0, missing);
        }
    }

    @Nested
    class AWeightedIndexPassesEveryCheck implements IndicatorContract {
        @Override
        public Indicator indicator() {
            return new Openness();
        }
    }

    @Nested
    class AHandWrittenIndicatorPassesEveryCheck implements IndicatorContract {
        @Override
        public Indicator indicator() {
            return new MeanOfPresent();
        }
    }

    @Nested
    class ASampleFromCsvIsWhatEveryCheckStartsFrom implements IndicatorContract {
        @Override
        public Indicator indicator() {
            return new MeanOfPresent();
        }

        @Override
        public TestContext sample() {
            return TestContext.of("DEU", 2020).defaultsOf(MeanOfPresent.DESCRIPTOR).csv("""
                    region,series,period,value
                    DEU,SERIES.X,2019,40
                    DEU,SERIES.X,2020,42.5
                    DEU,SERIES.Y,2020,61
                    DEU,SERIES.Y,2021,60
                    FRA,SERIES.Y,2020,10
                    """).build();
        }
    }

    @Test
    void everyCheckPassesProgrammaticallyForWellBehavedIndicators() {
        for (IndicatorContract contract : List.<IndicatorContract>of(Openness::new, MeanOfPresent::new)) {
            assertThatCode(contract::descriptorIsValid).doesNotThrowAnyException();
            assertThatCode(contract::measuringIsDeterministic).doesNotThrowAnyException();
            assertThatCode(contract::scoresStayWithin0To100).doesNotThrowAnyException();
            assertThatCode(contract::toleratesMissingData).doesNotThrowAnyException();
            assertThatCode(contract::hasNoSharedMutableState).doesNotThrowAnyException();
            assertThatCode(contract::aYearsScoreDoesNotDependOnLaterYears).doesNotThrowAnyException();
            assertThatCode(contract::closeIsIdempotent).doesNotThrowAnyException();
        }
    }

    @Test
    void theDefaultSampleHoldsEveryInputFor2015To2024InChinaWithTheDefaults() {
        IndicatorContract contract = Openness::new;

        TestContext sample = contract.sample();

        assertThat(sample.region()).isEqualTo("CHN");
        assertThat(sample.period()).isEqualTo(2023);
        assertThat(sample.seriesCodes()).containsExactlyInAnyOrder(X, Y);
        for (String code : List.of(X, Y)) {
            assertThat(sample.series(code).keySet()).containsExactly(
                    2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024);
            assertThat(sample.series(code).values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
        }
        assertThat(sample.settings()).containsKeys("level.lower", "level.upper", "level.weight", "ratio.weight");
        assertThat(sample.settings().get("level.upper")).isEqualTo(50.0);
    }

    @Test
    void theDefaultSampleIsTheSameEveryTime() {
        IndicatorContract contract = Openness::new;

        assertThat(contract.sample().toString()).isEqualTo(contract.sample().toString());
        assertThat(contract.sample().series(X)).isEqualTo(contract.sample().series(X));
    }

    // ---- broken indicators make the corresponding check fail ----

    @Test
    void aCounterInTheScoreFailsTheSharedStateCheck() {
        class Counting extends MeanOfPresent {
            private int calls;

            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                calls++;
                return new IndicatorReading(Math.min(100, r.score() / 2 + calls), r.components(), r.explanation(),
                        r.coverage(), r.missing());
            }
        }
        IndicatorContract contract = Counting::new;

        assertFails(contract::hasNoSharedMutableState, "Keep no mutable fields or static state");
        assertFails(contract::measuringIsDeterministic, "gave different results for the same context");
    }

    @Test
    void aCacheOfTheLastReadingFailsTheSharedStateCheckThoughItLooksDeterministic() {
        class Caching extends MeanOfPresent {
            private IndicatorReading last;
            private int lastPeriod;

            @Override
            public IndicatorReading measure(IndicatorContext context) {
                if (last == null || lastPeriod != context.period()) {
                    last = super.measure(context);
                    lastPeriod = context.period();
                }
                return last;
            }
        }
        IndicatorContract contract = Caching::new;

        assertThatCode(contract::measuringIsDeterministic).doesNotThrowAnyException();
        assertFails(contract::hasNoSharedMutableState, "step 5 (instance 1, context B)");
    }

    @Test
    void aStaticCounterSharedByAllInstancesFailsTheSharedStateCheck() {
        AtomicInteger shared = new AtomicInteger();
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                return new IndicatorReading(r.score(), r.components(), "Call " + shared.incrementAndGet() + ".",
                        r.coverage(), r.missing());
            }
        };

        assertFails(contract::hasNoSharedMutableState, "Keep no mutable fields or static state");
    }

    @Test
    void returningOneInstanceForEveryCallFailsTheSharedStateCheck() {
        Indicator shared = new MeanOfPresent();
        IndicatorContract contract = () -> shared;

        assertFails(contract::hasNoSharedMutableState, "indicator() must return a new instance on each call");
    }

    @Test
    void aScoreOf120FailsTheRangeCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                return new IndicatorReading(120, r.components(), r.explanation(), r.coverage(), r.missing());
            }
        };

        assertFails(contract::scoresStayWithin0To100, "score must be within 0.0 and 100.0, was 120.0");
        assertFails(contract::scoresStayWithin0To100, "clamp");
    }

    @Test
    void anUnclampedScoreFailsTheRangeCheckOnExtremeValuesThoughTheSampleLooksFine() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                double raw = r.components().get(0).raw();
                return new IndicatorReading(raw, r.components(), r.explanation(), r.coverage(), r.missing());
            }
        };

        assertThatCode(contract::measuringIsDeterministic).doesNotThrowAnyException();
        assertFails(contract::scoresStayWithin0To100, "extreme or random values");
    }

    @Test
    void aNullPointerExceptionOnMissingDataFailsTheMissingDataCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                Double x = context.value(X).isPresent() ? context.value(X).getAsDouble() : null;
                double unboxed = x;
                return super.measure(context);
            }
        };

        assertFails(contract::toleratesMissingData, "NullPointerException");
        assertFails(contract::toleratesMissingData, "isPresent()");
    }

    @Test
    void getAsDoubleOnAnEmptyValueFailsTheMissingDataCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                context.value(Y).getAsDouble();
                return super.measure(context);
            }
        };

        assertFails(contract::toleratesMissingData, "NoSuchElementException");
    }

    @Test
    void aReadingForAContextWithoutValuesFailsTheMissingDataCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                try {
                    return super.measure(context);
                } catch (MissingDataException e) {
                    return new IndicatorReading(50, List.of(), "Nothing known.", 0.5, e.missing());
                }
            }
        };

        assertFails(contract::toleratesMissingData, "for a context without any values");
    }

    @Test
    void claimingFullCoverageWithAnInputMissingFailsTheMissingDataCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                return new IndicatorReading(r.score(), r.components(), r.explanation(), 1, r.missing());
            }
        };

        assertFails(contract::toleratesMissingData, "reported coverage 1.0 for a context holding only SERIES.X");
    }

    @Test
    void notNamingTheMissingInputFailsTheMissingDataCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                return new IndicatorReading(r.score(), r.components(), r.explanation(), r.coverage(), List.of());
            }
        };

        assertFails(contract::toleratesMissingData, "did not name the absent input SERIES.Y");
    }

    @Test
    void readingTheLatestYearAvailableFailsTheLaterYearsCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                for (int year = context.period() + 3; year >= context.period(); year--) {
                    if (context.value(X, year).isPresent()) {
                        double raw = context.value(X, year).getAsDouble();
                        double score = Math.min(100, Math.max(0, raw));
                        return new IndicatorReading(score, List.of(new Component(X, X, raw, score, 1)),
                                "Latest X.", 1, List.of());
                    }
                }
                throw new MissingDataException(List.of(X));
            }
        };

        assertFails(contract::aYearsScoreDoesNotDependOnLaterYears, "adding values for the years after 2023");
    }

    @Test
    void aTimestampInTheExplanationFailsTheDeterminismCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorReading measure(IndicatorContext context) {
                IndicatorReading r = super.measure(context);
                return new IndicatorReading(r.score(), r.components(), "Measured at " + System.nanoTime() + ".",
                        r.coverage(), r.missing());
            }
        };

        assertFails(contract::measuringIsDeterministic, "context.clock()");
    }

    @Test
    void aCloseThatThrowsTheSecondTimeFailsTheCloseCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    throw new IllegalStateException("already closed");
                }
                closed = true;
            }
        };

        assertFails(contract::closeIsIdempotent, "close() threw java.lang.IllegalStateException: already closed on "
                + "the second call");
    }

    @Test
    void aDescriptorThatChangesFailsTheDescriptorCheck() {
        AtomicInteger builds = new AtomicInteger();
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorDescriptor descriptor() {
                return new IndicatorDescriptor("mean-of-present", "Mean", "Mean.", "1.0." + builds.incrementAndGet(),
                        List.of(X, Y), List.of());
            }
        };

        assertFails(contract::descriptorIsValid, "build the descriptor from constants");
    }

    @Test
    void aDescriptorListingAnInputTwiceFailsTheDescriptorCheck() {
        IndicatorContract contract = () -> new MeanOfPresent() {
            @Override
            public IndicatorDescriptor descriptor() {
                return new IndicatorDescriptor("mean-of-present", "Mean", "Mean.", "1.0.0", List.of(X, Y, X),
                        List.of());
            }
        };

        assertFails(contract::descriptorIsValid, "lists 'SERIES.X' twice");
    }

    @Test
    void aDescriptorThatThrowsOrIsNullFailsTheDescriptorCheck() {
        IndicatorContract throwing = () -> new MeanOfPresent() {
            @Override
            public IndicatorDescriptor descriptor() {
                return new IndicatorDescriptor("Mean_Of_Present", "Mean", "Mean.", "1.0.0", List.of(X), List.of());
            }
        };
        IndicatorContract nulls = () -> new MeanOfPresent() {
            @Override
            public IndicatorDescriptor descriptor() {
                return null;
            }
        };

        assertFails(throwing::descriptorIsValid, "descriptor() threw java.lang.IllegalArgumentException: "
                + "indicator id 'Mean_Of_Present'");
        assertFails(nulls::descriptorIsValid, "descriptor() returned null");
    }

    @Test
    void anIndicatorMethodReturningNullFailsEveryCheckWithAHint() {
        IndicatorContract contract = () -> null;

        for (Consumer<IndicatorContract> check : List.<Consumer<IndicatorContract>>of(
                IndicatorContract::descriptorIsValid, IndicatorContract::closeIsIdempotent,
                IndicatorContract::hasNoSharedMutableState)) {
            assertFails(() -> check.accept(contract), "indicator() returned null");
        }
    }

    private static void assertFails(Runnable check, String messagePart) {
        assertThatThrownBy(check::run)
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining(messagePart);
    }
}
