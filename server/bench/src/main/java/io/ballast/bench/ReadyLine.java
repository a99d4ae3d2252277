package io.ballast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ballast's ready line ({@code Ballast is ready: ... (N ms after the process started; phases ...: jvm=310@0 ...)}),
 * read from a server's log: the milliseconds to ready by its own clock and each start-up phase's duration.
 */
record ReadyLine(long readyMs, Map<String, Long> phases) {

    private static final Pattern READY = Pattern.compile("Ballast is ready.*\\((\\d+) ms after the process started; "
            + "[^:]*: ([^)]*)\\)");
    private static final Pattern PHASE = Pattern.compile("(\\w+)=(\\d+)@(\\d+)");

    /** Waits up to 5 s for the ready line to appear in {@code log}; empty when it does not. */
    static Optional<ReadyLine> await(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ReadyLine> line = parse(Files.readString(log));
            if (line.isPresent()) {
                return line;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    static Optional<ReadyLine> parse(String log) {
        Matcher m = READY.matcher(log);
        if (!m.find()) {
            return Optional.empty();
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        Matcher p = PHASE.matcher(m.group(2));
        while (p.find()) {
            phases.put(p.group(1), Long.parseLong(p.group(2)));
        }
        return Optional.of(new ReadyLine(Long.parseLong(m.group(1)), phases));
    }
}
