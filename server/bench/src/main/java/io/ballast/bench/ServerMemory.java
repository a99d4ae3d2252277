package io.ballast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server process's memory, read from outside: live heap after a full GC ({@code jcmd}) and RSS ({@code /proc}). */
final class ServerMemory {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ServerMemory() {
    }

    /** Heap in use after a full collection, from {@code jcmd}: what the live objects take, not garbage. */
    static long heapKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            Matcher m = HEAP_USED.matcher(line);
            if (line.contains("heap") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no heap line in jcmd GC.heap_info of " + pid);
    }

    /** Resident set size, from {@code /proc/<pid>/status}. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
