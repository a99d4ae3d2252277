package io.ballast.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts and stops a benchmark's child processes (servers, baselines, clients) and keeps a list of those still
 * running, which a shutdown hook kills: none may outlive a failed or interrupted run.
 */
final class ChildProcesses {

    private final List<Process> running = new ArrayList<>();

    ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "kill benchmark processes"));
    }

    /** Starts a process, its stderr merged into its stdout, which goes where {@code output} says. */
    Process start(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        synchronized (running) {
            running.add(p);
        }
        return p;
    }

    /** Stops a process (nothing when null), forcibly when it has not ended 30 s after being asked to. */
    void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        Launch.stop(p);
        synchronized (running) {
            running.remove(p);
        }
    }

    private void killAll() {
        synchronized (running) {
            running.forEach(Process::destroyForcibly);
        }
    }
}
