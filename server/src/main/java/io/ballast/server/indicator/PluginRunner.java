package io.ballast.server.indicator;

import io.ballast.api.Health;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import io.ballast.server.indicator.RunnerProtocol.Answer;
import io.ballast.server.indicator.RunnerProtocol.CheckHealth;
import io.ballast.server.indicator.RunnerProtocol.Close;
import io.ballast.server.indicator.RunnerProtocol.Closed;
import io.ballast.server.indicator.RunnerProtocol.HealthAnswer;
import io.ballast.server.indicator.RunnerProtocol.Hello;
import io.ballast.server.indicator.RunnerProtocol.Measure;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a plugin runner JVM ({@code java -cp <server jar> io.ballast.server.indicator.PluginRunner
 * <jar>}): loads one plugin jar as the server would, then answers the server's requests ({@link RunnerProtocol}) on
 * stdin/stdout until told to close or until stdin ends (the server went away). Plugin code runs on one thread of a
 * thread group of its own, so threads the plugin starts are seen; anything the plugin prints goes to stderr, never
 * into the protocol. The runner does not police time or memory: the server kills it.
 */
public final class PluginRunner {

    private final List<Indicator> indicators = new ArrayList<>();
    private final RunnerPluginThread plugin = new RunnerPluginThread();

    private PluginRunner() {
    }

    public static void main(String[] args) throws IOException {
        // the protocol owns stdout; whatever plugin code prints goes to stderr, which the server logs
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        PluginRunner runner = new PluginRunner();
        RunnerProtocol.write(out, runner.load(Path.of(args[0])));
        try {
            while (true) {
                RunnerProtocol.Message request = RunnerProtocol.read(in);
                if (request instanceof Measure m) {
                    runner.measure(m, out);
                } else if (request instanceof CheckHealth h) {
                    RunnerProtocol.write(out, runner.health(h));
                } else if (request instanceof Close) {
                    RunnerProtocol.write(out, runner.closeAll());
                    break;
                }
            }
        } catch (EOFException serverGone) {
            // the server closed our stdin: nothing is left to answer
        }
        Runtime.getRuntime().halt(0); // no shutdown hooks a plugin may have added, no non-daemon thread kept alive
    }

    private Hello load(Path jar) {
        JarLoader.Loaded loaded;
        try {
            loaded = new JarLoader().load(jar);
        } catch (JarLoader.RefusedJar e) {
            return new Hello(RunnerProtocol.VERSION, List.of(), List.of(e.getMessage()));
        }
        List<RunnerWire.Descriptor> described = new ArrayList<>();
        List<String> problems = new ArrayList<>(loaded.problems());
        for (Indicator indicator : loaded.indicators()) {
            try {
                var descriptor = plugin.run(indicator::descriptor);
                if (descriptor == null) {
                    problems.add(indicator.getClass().getName() + " returned no descriptor");
                } else {
                    described.add(RunnerWire.Descriptor.of(descriptor));
                    indicators.add(indicator);
                }
            } catch (Throwable e) {
                problems.add(indicator.getClass().getName() + " has no valid descriptor: " + e);
            }
        }
        int threads = plugin.strayThreads();
        if (threads > 0) {
            return new Hello(RunnerProtocol.VERSION, List.of(), List.of("it started " + threads + " thread(s) while "
                    + "loading; a plugin must not start threads"));
        }
        return new Hello(RunnerProtocol.VERSION, described, problems);
    }

    private void measure(Measure request, DataOutputStream out) throws IOException {
        Indicator indicator = indicators.get(request.indicator());
        MissingDataPolicy policy = new MissingDataPolicy(request.carryForwardYears(), request.minCoverage());
        List<PolicyEvent> events = request.events().stream().map(RunnerWire.Event::toApi).toList();
        Clock clock = request.clock().toClock();
        for (int period : request.periods()) {
            var context = new RunnerContext(request, period, policy, events, clock);
            long started = System.nanoTime();
            RunnerWire.Reading reading = null;
            RunnerWire.Missing missing = null;
            String failure = null;
            try {
                IndicatorReading r = plugin.run(() -> indicator.measure(context));
                if (r == null) {
                    failure = "returned null";
                } else {
                    reading = RunnerWire.Reading.of(r);
                }
            } catch (MissingDataException e) {
                missing = RunnerWire.Missing.of(e);
            } catch (IllegalArgumentException e) {
                failure = "returned an invalid reading: " + e;
            } catch (Throwable e) {
                failure = "threw " + e;
            }
            long nanos = System.nanoTime() - started;
            RunnerProtocol.write(out, new Answer(period, reading, missing, failure, nanos, context.reads(),
                    plugin.strayThreads()));
        }
    }

    private HealthAnswer health(CheckHealth request) {
        try {
            Health h = plugin.run(indicators.get(request.indicator())::checkHealth);
            return h == null ? new HealthAnswer(false, "checkHealth returned null")
                    : new HealthAnswer(h.healthy(), h.detail());
        } catch (Throwable e) {
            return new HealthAnswer(false, "checkHealth threw " + e);
        }
    }

    private Closed closeAll() {
        List<String> problems = new ArrayList<>();
        for (Indicator indicator : indicators) {
            try {
                plugin.run(() -> {
                    indicator.close();
                    return null;
                });
            } catch (Throwable e) {
                problems.add(indicator.getClass().getName() + " failed to close: " + e);
            }
        }
        return new Closed(problems);
    }
}
