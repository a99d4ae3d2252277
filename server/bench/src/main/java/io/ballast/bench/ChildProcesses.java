package io.ballast.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts and stops a benchmark's child processes (servers, baselines, clients) and keeps a list of those still
 * running, which a shutdown hook kills: none may outlive a failed or interrupted run.
 */
final class ChildProcesses {

    /**
     * How much lower than the harness the measured processes run ({@code nice -n}; {@code -Dbench.nice=N}, 0 for the
     * same priority). A delivery is timed from the moment the harness has read the acknowledgement: when the servers
     * and clients it measures share its priority, a harness woken by the acknowledgement waits for a core behind
     * them, reads it late and shortens every delay by as much. That hit the bare broadcaster most, which writes its
     * frame the moment it answers: at 1,000 streams, in a third of its trials, up to half the streams had the event
     * before the harness had read the answer (docs/performance.md).
     */
    private static final int NICE = Integer.getInteger("bench.nice", 10);

    private final List<Process> running = new ArrayList<>();
    /** Whether {@code nice} could be run; false after it could not, once. */
    private boolean niceable = true;

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

    /**
     * As {@link #start}, below the harness's priority ({@link #NICE}): a server or a client being measured. Where
     * there is no {@code nice} to run, it says so once and starts the process at the harness's priority.
     */
    Process startMeasured(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        if (NICE == 0 || !niceable) {
            return start(command, output);
        }
        List<String> niced = new ArrayList<>(List.of("nice", "-n", Integer.toString(NICE)));
        niced.addAll(command);
        try {
            return start(niced, output);
        } catch (IOException e) {
            niceable = false;
            System.out.println("note: cannot run nice (" + e.getMessage() + "); the measured processes run at the "
                    + "harness's priority, which makes delays of servers that answer and write at once look shorter");
            return start(command, output);
        }
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
