package io.ballast.server.stream;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An SSE frame as the one buffer every stream's socket is written from. It lives off the heap: a heap buffer is
 * copied by the transport into a direct buffer of its own for every connection it is written to (at 10,000 streams,
 * 10,000 copies of an 11 KB frame per event, and as many queued for a slow reader), a direct one is sent as it is.
 * Writing never releases it (Vert.x hands each write a view that cannot release it), and the garbage collector frees
 * it once no ring or stream holds its event.
 */
final class SharedFrame {

    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private SharedFrame() {
    }

    /** {@code id: <id>\nevent: <name>\ndata: <data>\n\n}, off the heap. */
    static Buffer of(long id, String name, Buffer data) {
        byte[] head = ("id: " + id + "\nevent: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocateDirect(head.length + data.length() + END.length);
        bytes.put(head).put(data.getBytes()).put(END).flip();
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }

    /** A frame that is shared already as it is, another (an event from another node, say) copied off the heap. */
    static Buffer shared(Buffer frame) {
        if (frame instanceof BufferInternal internal && internal.getByteBuf().isDirect()) {
            return frame;
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(frame.length());
        bytes.put(frame.getBytes()).flip();
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }
}
