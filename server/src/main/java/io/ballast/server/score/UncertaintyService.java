package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an uncertainty analysis of the current panel: each change of the scores asks for one, which runs on an
 * executor of its own, never on the scoring worker, so a plain score is never delayed by it. A change while an
 * analysis runs asks for one more when it ends; requests in between collapse into that one. A result belongs to the
 * panel version it analysed; {@link #current()} gives it only while that version is still the panel's. An analysis
 * starts after a quiet time: the change's event reaches its streams first (the analysis takes both cores), and
 * changes during that time are analysed together. An analysis under way when a change is queued (or the scores
 * change) is abandoned, and one that finished meanwhile is not handed on, so that neither holds the cores while the
 * change is scored and delivered; another runs after a quiet time.
 */
public final class UncertaintyService {

    private static final Logger LOG = LoggerFactory.getLogger(UncertaintyService.class);

    private final Panel panel;
    private final Supplier<BallastConfig> config;
    private final Supplier<Optional<UncertaintyRanges>> ranges;
    private final UncertaintyAnalysis analysis;
    private final Executor runner;
    private final Duration quiet;
    private volatile Consumer<UncertaintyResult> done = result -> { };
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Changes queued for scoring: an analysis asked for before the last of them is of scores about to change. */
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean closed;
    private volatile Analysed analysed;
    private volatile String failure;

    /**
     * @param ranges the configured ranges, empty when the analysis is switched off
     * @param runner where analyses run (one at a time is enough)
     */
    public UncertaintyService(Panel panel, Supplier<BallastConfig> config,
                              Supplier<Optional<UncertaintyRanges>> ranges, UncertaintyAnalysis analysis,
                              Executor runner) {
        this(panel, config, ranges, analysis, runner, Duration.ZERO);
    }

    /** @param quiet how long an analysis waits after it was asked for, collecting further requests */
    public UncertaintyService(Panel panel, Supplier<BallastConfig> config,
                              Supplier<Optional<UncertaintyRanges>> ranges, UncertaintyAnalysis analysis,
                              Executor runner, Duration quiet) {
        this.quiet = quiet;
        this.panel = panel;
        this.config = config;
        this.ranges = ranges;
        this.analysis = analysis;
        this.runner = runner;
    }

    /**
     * Asks for an analysis of the panel as it is now and returns at once; {@code then} hears of the result (to
     * refresh documents and tell the streams).
     */
    void schedule(Consumer<UncertaintyResult> then) {
        if (closed || ranges.get().isEmpty()) {
            return;
        }
        done = then;
        again.set(true);
        if (running.compareAndSet(false, true)) {
            runner.execute(this::drain);
        }
    }

    /** A change was queued for scoring: an analysis under way is abandoned (the change asks for the next one). */
    void changing() {
        changes.incrementAndGet();
    }

    private void drain() {
        do {
            try {
                while (again.get()) {
                    Thread.sleep(quiet.toMillis()); // the event first; requests meanwhile join this analysis
                    again.set(false);
                    analyse();
                }
            } catch (InterruptedException e) { // the workers stop with the server
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // an Error (out of memory) must not stop the analyses for good
                if (closed) {
                    LOG.debug("The uncertainty analysis stopped with the server: {}", e.toString());
                    return;
                }
                failure = e.toString();
                LOG.error("The uncertainty analysis failed; the next change of the scores tries again", e);
            } finally {
                running.set(false);
            }
        } while (again.get() && running.compareAndSet(false, true));
    }

    private void analyse() {
        Optional<UncertaintyRanges> wanted = ranges.get();
        if (wanted.isEmpty()) {
            return;
        }
        long version = panel.version();
        long asked = changes.get();
        BooleanSupplier stale = () -> panel.version() != version || changes.get() != asked;
        BallastConfig c = config.get();
        Map<String, List<YearScores>> years = new LinkedHashMap<>();
        c.regions().forEach(r -> years.put(r.code(), panel.years(r.code())));
        Aggregation aggregation = Aggregation.of(c);
        UncertaintyResult next;
        try {
            next = analysis.run(version, years, aggregation::weight, wanted.get(),
                    c.scoring().missing().carryForwardYears(), c.scoring().missing().minInputCoverage(),
                    c.scoring().minCoverage(), stale);
        } catch (RuntimeException e) {
            if (stale.getAsBoolean()) {
                abandoned(version);
                return;
            }
            throw e;
        }
        if (stale.getAsBoolean()) {
            abandoned(version);
            return;
        }
        analysed = new Analysed(next, wanted.get());
        failure = null;
        LOG.debug("Uncertainty analysis of panel version {} done in {} ms", version, next.millis());
        done.accept(next);
    }

    /** The analysed scores changed, or are about to: another analysis runs after the quiet time. */
    private void abandoned(long version) {
        LOG.debug("Uncertainty analysis of panel version {} abandoned: the scores changed", version);
        again.set(true);
    }

    /**
     * Takes an analysis another node of the cluster ran of the scores this node just adopted from it, as the analysis
     * of this node's panel as it is now (with the ranges configured here); nothing runs here.
     */
    void adopt(UncertaintyResult result) {
        Optional<UncertaintyRanges> wanted = ranges.get();
        if (wanted.isPresent()) {
            analysed = new Analysed(result.forVersion(panel.version()), wanted.get());
            failure = null;
        }
    }

    /** The analysis of the panel as it is now, with the ranges configured now, if it is done. */
    public Optional<UncertaintyResult> current() {
        Analysed a = analysed;
        return a != null && a.result().version() == panel.version() && ranges.get().equals(Optional.of(a.ranges()))
                ? Optional.of(a.result()) : Optional.empty();
    }

    /** A finished analysis and the ranges it drew from. */
    private record Analysed(UncertaintyResult result, UncertaintyRanges ranges) {
    }

    /** The last analysis, whatever version it analysed. */
    public Optional<UncertaintyResult> last() {
        Analysed a = analysed;
        return a == null ? Optional.empty() : Optional.of(a.result());
    }

    /** Whether the analysis is switched on. */
    public boolean enabled() {
        return ranges.get().isPresent();
    }

    /** Takes no more requests; an analysis under way is abandoned when its workers stop. */
    public void close() {
        closed = true;
    }

    /** Why the last analysis failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
