package io.ballast.server.indicator;

import io.ballast.server.indicator.RunnerProtocol.Message;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a plugin runner JVM, seen from the server: the process, a thread reading its frames into a queue (so
 * every wait has a deadline), a thread draining its stderr into the log, and the cause once it is dead. Any protocol
 * error, exit, missed deadline or stray thread ends it: it is killed, never reasoned with.
 */
final class RunnerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerProcess.class);
    private static final int LOGGED_LINES = 1000;

    private final String name;
    private final Process process;
    private final DataOutputStream in;
    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final Thread errors;
    private volatile String death;

    /** The end of the runner's stdout, queued after the last frame. */
    private record End(String why) {
    }

    private RunnerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        Thread reader = new Thread(this::readFrames, "ballast-runner-" + name + "-out");
        reader.setDaemon(true);
        reader.start();
        errors = new Thread(this::drainErrors, "ballast-runner-" + name + "-err");
        errors.setDaemon(true);
        errors.start();
    }

    /** Starts a runner for {@code jar}, named {@code name} in logs and thread names. */
    static RunnerProcess start(RunnerCommand command, Path jar, String name) throws IOException {
        return new RunnerProcess(name, command.builder(jar).start());
    }

    /** The process id, for logs and tests. */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return death == null && process.isAlive();
    }

    /** Sends one request; false when the runner is dead or its stdin broke (it is then killed). */
    boolean send(Message request) {
        if (!alive()) {
            return false;
        }
        try {
            RunnerProtocol.write(in, request);
            return true;
        } catch (IOException e) {
            kill("its input closed (" + e.getMessage() + ")");
            return false;
        }
    }

    /**
     * The next message, waiting at most {@code within}; on a timeout, an end of stream or a frame that is not a
     * message, the runner is killed with the cause ({@code doing} says what it was asked) and the answer is null.
     */
    Message next(Duration within, String doing) {
        return next(within, doing, doing + " took longer than " + within.toMillis() + " ms");
    }

    /** As above, with the cause to give when no answer came in time. */
    Message next(Duration within, String doing, String timeoutCause) {
        Object frame;
        try {
            frame = frames.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill("the server stopped waiting for it");
            return null;
        }
        if (frame instanceof Message m) {
            return m;
        }
        if (frame == null) {
            kill(timeoutCause);
        } else {
            kill(exitCause(((End) frame).why(), doing));
        }
        return null;
    }

    /** Why the runner died, once it has. */
    String death() {
        return death == null ? (process.isAlive() ? null : "its runner exited with code " + process.exitValue())
                : death;
    }

    /** Kills the runner (and anything it started) and keeps the cause; the first cause wins. */
    synchronized void kill(String cause) {
        if (death == null) {
            death = cause;
            LOG.warn("Plugin runner {} (pid {}) stopped: {}", name, process.pid(), cause);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the runner to close its plugins and exit, waiting at most {@code within}; then kills it anyway. */
    void stop(Duration within) {
        if (send(new RunnerProtocol.Close())) {
            Message m = next(within, "close()");
            if (m instanceof RunnerProtocol.Closed closed) {
                closed.problems().forEach(p -> LOG.warn("Plugin runner {}: {}", name, p));
                try {
                    process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (death == null) {
            death = "it was stopped";
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitCause(String why, String doing) {
        int code;
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            code = process.isAlive() ? -1 : process.exitValue();
            errors.join(1000); // its last words, such as an OutOfMemoryError, are read before they are quoted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        String tail;
        synchronized (lastErrors) {
            tail = String.join(" | ", lastErrors);
        }
        if (tail.contains("OutOfMemoryError")) {
            return "its runner ran out of memory during " + doing + " (raise plugins.runner-heap-mb if the plugin "
                    + "needs more)";
        }
        String exit = code >= 0 ? "its runner exited with code " + code : "its runner " + why;
        return exit + " during " + doing + (tail.isEmpty() ? "" : "; last output: " + tail);
    }

    private void readFrames() {
        DataInputStream out = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        try {
            while (true) {
                frames.add(RunnerProtocol.read(out));
            }
        } catch (java.io.EOFException e) {
            frames.add(new End("closed its output"));
        } catch (IOException | RuntimeException e) {
            frames.add(new End("broke the protocol: " + e.getMessage()));
        }
    }

    private void drainErrors() {
        int logged = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                String shown = line.length() > 300 ? line.substring(0, 300) + "…" : line;
                synchronized (lastErrors) {
                    lastErrors.addLast(shown);
                    if (lastErrors.size() > 3) {
                        lastErrors.removeFirst();
                    }
                }
                if (logged++ < LOGGED_LINES) {
                    LOG.info("[plugin {}] {}", name, shown);
                }
            }
        } catch (IOException e) {
            // the runner is gone
        }
    }

    /** The last lines the runner wrote to stderr, for tests and failure causes. */
    List<String> lastErrors() {
        synchronized (lastErrors) {
            return new ArrayList<>(lastErrors);
        }
    }
}
