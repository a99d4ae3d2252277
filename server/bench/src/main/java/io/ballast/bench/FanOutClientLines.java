package io.ballast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of the protocol with a {@link FanOutClient} process: commands to its stdin, answers from its
 * stdout. Its stdout also carries its logging (the server jar's logback writes to the console), so a reader thread
 * keeps the protocol's lines and files everything else in a log.
 */
final class FanOutClientLines {

    private static final String EOF = "\u0000eof";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final PrintWriter stdin;
    private final String label;
    private String[] last;

    FanOutClientLines(Process client, Path log, String label) throws IOException {
        this.stdin = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        this.label = label;
        Writer logWriter = Files.newBufferedWriter(log);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8)); logWriter) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.matches("(ready|result|extra|note) .*")) {
                        queue.add(line);
                    } else {
                        logWriter.write(line + "\n");
                    }
                }
            } catch (IOException e) {
                // the client is gone; EOF below tells the waiting side
            }
            queue.add(EOF);
        }, "fan-out client reader");
        reader.setDaemon(true);
        reader.start();
    }

    void send(String line) {
        stdin.println(line);
    }

    /** Waits for the line starting with {@code word}, printing notes on the way; answers its integer fields. */
    int[] expectInts(String word, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new IllegalStateException(label + ": client " + (line == null ? "silent" : "exited")
                        + " while we waited for '" + word + "'");
            }
            if (line.startsWith("note ")) {
                System.out.println("  " + label + " client: " + line.substring(5));
            } else if (line.startsWith(word + " ")) {
                last = line.split(" ");
                return Arrays.stream(last).skip(1).filter(s -> s.matches("\\d+")).mapToInt(Integer::parseInt)
                        .toArray();
            }
        }
    }

    /** The numeric fields of the last expected line, as written: the count first. */
    double[] lastDoubles() {
        return Arrays.stream(last).skip(1).mapToDouble(Double::parseDouble).toArray();
    }
}
