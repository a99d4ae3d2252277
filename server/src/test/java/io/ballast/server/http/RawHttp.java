package io.ballast.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A client that writes bytes as they are, for requests no well-behaved client would send, and reads what comes back. */
final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the port from {@code localAddress} (such as 127.0.0.2: a client of its own to the server). */
    static RawHttp connect(int port, String localAddress) {
        return connect(port, localAddress, 0);
    }

    /** Connects with a receive buffer of {@code receiveBuffer} bytes (0: the system's), set before the handshake. */
    static RawHttp connect(int port, String localAddress, int receiveBuffer) {
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawHttp(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // failed already
            }
            throw new UncheckedIOException(e);
        }
    }

    static RawHttp connect(int port) {
        return connect(port, "127.0.0.1");
    }

    RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sends until it closes the connection, or what came within {@code timeoutMs}. */
    Reply readToClose(int timeoutMs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    return new Reply(out.toString(StandardCharsets.UTF_8), true);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            return new Reply(out.toString(StandardCharsets.UTF_8), true); // reset by the server: closed too
        }
        return new Reply(out.toString(StandardCharsets.UTF_8), false);
    }

    /** What the server sent until {@code marker} arrived, the connection closed, or {@code timeoutMs} passed. */
    String readUntil(String marker, int timeoutMs) {
        StringBuilder out = new StringBuilder();
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (!out.toString().contains(marker) && System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // timed out or reset: what came so far
        }
        return out.toString();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket: nothing to do
        }
    }

    /** What a connection returned, and whether the server closed it. */
    record Reply(String text, boolean closed) {
        int status() {
            return text.length() < 12 ? -1 : Integer.parseInt(text.substring(9, 12));
        }

        String body() {
            int at = text.indexOf("\r\n\r\n");
            return at < 0 ? "" : text.substring(at + 4);
        }

        boolean hasHeader(String name, String value) {
            String head = text.contains("\r\n\r\n") ? text.substring(0, text.indexOf("\r\n\r\n")) : text;
            return head.toLowerCase(java.util.Locale.ROOT).contains("\r\n" + name.toLowerCase(java.util.Locale.ROOT)
                    + ": " + value.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
