package io.ballast.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A fan-out benchmark's arguments (the server jar, the stream counts) and its working folder. Either jar may be
 * rebuilt by someone else while a benchmark runs, so the servers and clients start copies taken now.
 */
record FanOutArgs(int[] ns, Path work, Path jar, Path benchJar) {

    static FanOutArgs of(String[] args, String defaultNs, String folder) throws IOException, URISyntaxException {
        Path source = Path.of(args.length > 0 ? args[0] : "server/target/ballast-server.jar");
        int[] ns = Arrays.stream((args.length > 1 ? args[1] : defaultNs).split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        Path work = Files.createTempDirectory(folder);
        Path jar = Files.copy(source, work.resolve("ballast-server.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path benchJar = Files.copy(Path.of(FanOutArgs.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()), work.resolve("benchmarks.jar"), StandardCopyOption.REPLACE_EXISTING);
        return new FanOutArgs(ns, work, jar, benchJar);
    }
}
