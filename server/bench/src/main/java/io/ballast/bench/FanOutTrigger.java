package io.ballast.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a fan-out server send one event to every stream and times the acknowledgement: for Ballast an ingest of a new
 * value for China, for the bare broadcaster a {@code POST /publish}. The request goes over a plain blocking socket read
 * on the caller's thread: java.net.http hands a response over from its selector thread to an executor and then to
 * us, and on two busy cores each hand-over can wait tens of ms, which would shorten every measured delay by as much.
 */
final class FanOutTrigger {

    private static final Pattern CHANGED = Pattern.compile("\"changedCells\"\\s*:\\s*(\\d+)");

    /** Observations posted in this run: each posts a value no earlier one had, so the score really changes. */
    private int posted;

    /** A response, and the nanoTime at which its last byte had been read. */
    private record Answer(int status, String body, long at) {
    }

    /** Triggers one event on the target listening on {@code port}; answers the nanoTime its answer had been read. */
    long trigger(FanOutTarget target, int port) throws IOException {
        if (!target.ballast()) {
            Answer a = exchange(port, "/publish", "{}", "");
            check(a.status() == 200, "publish answered " + a.status());
            return a.at();
        }
        // FDI inflow 0.5-3.45 % of GDP, a new value each time (well inside the indicator's goalposts, so every post
        // moves the score)
        double value = 0.5 + 0.05 * (posted++ % 60);
        String body = "{\"observations\":[{\"region\":\"CHN\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2024,"
                + "\"value\":" + value + "}]}";
        Answer a = exchange(port, "/api/v1/observations", body, "Authorization: Bearer " + Launch.TOKEN + "\r\n");
        check(a.status() == 200, "ingest answered " + a.status() + ": " + a.body());
        Matcher changed = CHANGED.matcher(a.body());
        check(changed.find() && Integer.parseInt(changed.group(1)) > 0, "ingest changed nothing: " + a.body());
        return a.at();
    }

    /** POSTs JSON over HTTP/1.1 on a new connection and reads the answer, which must carry a Content-Length. */
    private static Answer exchange(int port, String path, String json, String headers) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String status = line(in);
            int length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            check(length >= 0, "answer without Content-Length: " + status);
            byte[] answer = new byte[length];
            in.readFully(answer);
            long at = System.nanoTime();
            return new Answer(Integer.parseInt(status.split(" ")[1]), new String(answer, StandardCharsets.UTF_8), at);
        }
    }

    /** One header line, without its CRLF. */
    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            check(c >= 0, "connection closed in the middle of an answer");
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
