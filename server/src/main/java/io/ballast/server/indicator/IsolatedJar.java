package io.ballast.server.indicator;

import io.ballast.api.IndicatorDescriptor;
import io.ballast.server.indicator.RunnerProtocol.Answer;
import io.ballast.server.indicator.RunnerProtocol.Hello;
import io.ballast.server.indicator.RunnerProtocol.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One plugin jar run out of process: the runner JVM it lives in, started again (with a growing pause between
 * attempts) when it died and one of its plugins is switched back on. Requests go one at a time; each answer has a
 * deadline, so a caller never waits longer than the time limit per call plus a small allowance for the pipe.
 */
final class IsolatedJar {

    /** Allowance per answer for the pipe and JSON on top of a call's time limit. */
    static final Duration PIPE_ALLOWANCE = Duration.ofMillis(500);
    /** How long {@code close()} may take before the runner is killed. */
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(2);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final RunnerCommand command;
    private final Path jar;
    private final String name;
    private RunnerProcess process;
    private List<IndicatorDescriptor> descriptors = List.of();
    private int failures;
    private long nextStartNanos;

    /** What a batch gave: one answer per period reached, and the cause when the runner had to be stopped. */
    record Batch(List<Answer> answers, Optional<String> failure) {
    }

    /** Why the jar as a whole cannot run. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private IsolatedJar(RunnerCommand command, Path jar, String name) {
        this.command = command;
        this.jar = jar;
        this.name = name;
    }

    /** Starts a runner for the jar and reads what it yielded: its indicators' descriptors and its problems. */
    static IsolatedJar start(RunnerCommand command, Path jar, String name, List<String> problems) throws Refused {
        IsolatedJar isolated = new IsolatedJar(command, jar, name);
        Hello hello = isolated.launch();
        problems.addAll(hello.problems());
        if (hello.indicators().isEmpty()) {
            isolated.stop();
            throw new Refused(hello.problems().isEmpty() ? "it yielded no indicator"
                    : String.join("; ", hello.problems()));
        }
        List<IndicatorDescriptor> described = new ArrayList<>();
        for (var d : hello.indicators()) {
            try {
                described.add(d.toApi());
            } catch (IllegalArgumentException e) {
                isolated.stop();
                throw new Refused("its runner sent an invalid descriptor: " + e.getMessage());
            }
        }
        isolated.descriptors = List.copyOf(described);
        return isolated;
    }

    private Hello launch() throws Refused {
        try {
            process = RunnerProcess.start(command, jar, name);
        } catch (IOException e) {
            throw new Refused("its plugin runner could not be started: " + e.getMessage());
        }
        Message first = process.next(command.startLimit(), "loading the jar and descriptor()");
        if (first instanceof Hello hello && hello.protocol() == RunnerProtocol.VERSION) {
            return hello;
        }
        if (first instanceof Hello other) {
            process.kill("its runner speaks protocol " + other.protocol() + ", this server " + RunnerProtocol.VERSION);
        } else if (first != null) {
            process.kill("its runner opened with " + first.getClass().getSimpleName() + " instead of hello");
        }
        throw new Refused(process.death());
    }

    /** The indicators the jar yielded, in the runner's order. */
    List<IndicatorDescriptor> descriptors() {
        return descriptors;
    }

    /** The runner's process id while it runs. */
    synchronized Optional<Long> pid() {
        return process != null && process.alive() ? Optional.of(process.pid()) : Optional.empty();
    }

    /**
     * Measures indicator {@code index} for every period of {@code request}, giving each call {@code limit}; a call
     * over its limit, a failure to answer, an exit or a stray thread stops the runner, and the batch names the cause.
     */
    synchronized Batch measure(RunnerProtocol.Measure request, Duration limit) {
        Optional<String> unavailable = ensureRunning();
        if (unavailable.isPresent()) {
            return new Batch(List.of(), unavailable);
        }
        List<Answer> answers = new ArrayList<>();
        if (!process.send(request)) {
            return died(answers);
        }
        Duration wait = limit.plus(PIPE_ALLOWANCE);
        for (int period : request.periods()) {
            String where = request.region() + " " + period;
            Message m = process.next(wait, "measure for " + where,
                    "measure took longer than " + limit.toMillis() + " ms for " + where);
            if (!(m instanceof Answer answer)) {
                return died(answers);
            }
            if (answer.period() != period) {
                process.kill("it answered for " + answer.period() + " when asked for " + where);
                return died(answers);
            }
            if (answer.threads() > 0) {
                process.kill("measure started " + answer.threads() + " thread(s) for " + request.region() + " "
                        + period + "; a plugin must not start threads");
                return died(answers);
            }
            if (answer.nanos() > limit.toNanos()) {
                process.kill("measure took longer than " + limit.toMillis() + " ms for " + request.region() + " "
                        + period);
                return died(answers);
            }
            answers.add(answer);
        }
        failures = 0;
        return new Batch(answers, Optional.empty());
    }

    /** Runs indicator {@code index}'s health check within {@code limit}. */
    synchronized RunnerProtocol.HealthAnswer health(int index, Duration limit) {
        if (process == null || !process.alive()) {
            return new RunnerProtocol.HealthAnswer(false, "its runner is not running: " + describeDeath());
        }
        if (process.send(new RunnerProtocol.CheckHealth(index))
                && process.next(limit.plus(PIPE_ALLOWANCE), "checkHealth") instanceof RunnerProtocol.HealthAnswer h) {
            return h;
        }
        failures++;
        return new RunnerProtocol.HealthAnswer(false, describeDeath());
    }

    /** Closes the plugins and the runner; kills it when close() does not return within {@link #CLOSE_LIMIT}. */
    synchronized void stop() {
        if (process != null) {
            process.stop(CLOSE_LIMIT);
        }
    }

    /** Kills the runner without asking it anything: for shutdown when it is busy. */
    void kill(String cause) {
        RunnerProcess current;
        synchronized (this) {
            current = process;
        }
        if (current != null) {
            current.kill(cause);
        }
    }

    private Batch died(List<Answer> answers) {
        failures++;
        nextStartNanos = System.nanoTime() + backoff().toNanos();
        return new Batch(answers, Optional.of(describeDeath()));
    }

    private String describeDeath() {
        String death = process == null ? null : process.death();
        return death == null ? "its runner is gone" : death;
    }

    private Duration backoff() {
        long factor = 1L << Math.min(failures - 1, 16);
        Duration next = FIRST_BACKOFF.multipliedBy(factor);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    /** Empty when the runner runs (started again if it had died and its pause is over); the reason otherwise. */
    private Optional<String> ensureRunning() {
        if (process != null && process.alive()) {
            return Optional.empty();
        }
        long wait = nextStartNanos - System.nanoTime();
        if (wait > 0) {
            return Optional.of("its runner stopped (" + describeDeath() + ") and may start again in "
                    + Duration.ofNanos(wait).toSeconds() + " s");
        }
        try {
            Hello hello = launch();
            List<String> ids = hello.indicators().stream().map(RunnerWire.Descriptor::id).toList();
            if (!ids.equals(descriptors.stream().map(IndicatorDescriptor::id).toList())) {
                process.kill("it described other indicators when started again: " + ids);
                failures++;
                return Optional.of(describeDeath());
            }
            return Optional.empty();
        } catch (Refused e) {
            failures++;
            nextStartNanos = System.nanoTime() + backoff().toNanos();
            return Optional.of("its runner could not be started again: " + e.getMessage());
        }
    }
}
