package io.ballast.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A score event's frame is written to every stream as it is: off the heap (the transport sends a direct buffer
 * without copying it per connection) and unharmed by the writes, each of which releases what it was given.
 */
class SharedFrameTest {

    @Test
    void aFrameIsTheSseFrameOffTheHeap() {
        Buffer frame = SharedFrame.of(42, "score", Buffer.buffer("{\"region\":\"CHN\"}"));
        assertThat(frame.toString()).isEqualTo("id: 42\nevent: score\ndata: {\"region\":\"CHN\"}\n\n");
        assertThat(((BufferInternal) frame).getByteBuf().isDirect()).isTrue();
    }

    @Test
    void writingAFrameToManyChannelsLeavesItWhole() {
        Buffer frame = SharedFrame.of(7, "score", Buffer.buffer("x".repeat(11_000)));
        String expected = frame.toString();
        for (int i = 0; i < 3; i++) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.writeOutbound(((BufferInternal) frame).getByteBuf());
            ByteBuf written = channel.readOutbound();
            assertThat(written.isDirect()).isTrue();
            assertThat(written.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected);
            written.release(); // what the transport does once the bytes are on the socket
            channel.finishAndReleaseAll();
        }
        assertThat(frame.toString()).isEqualTo(expected);
    }

    @Test
    void aFrameFromTheHeapIsCopiedOffItOnceAndASharedOneIsKept() {
        Buffer heap = Buffer.buffer("id: 1\nevent: score\ndata: {}\n\n");
        Buffer shared = SharedFrame.shared(heap);
        assertThat(((BufferInternal) shared).getByteBuf().isDirect()).isTrue();
        assertThat(shared.toString()).isEqualTo(heap.toString());
        assertThat(SharedFrame.shared(shared)).isSameAs(shared);
    }

    @Test
    void anEventDeliveredFromAnotherNodeReachesTheStreamsOffTheHeap() {
        Vertx vertx = Vertx.vertx();
        try {
            ScoreEvents events = new ScoreEvents(vertx);
            List<Buffer> received = new CopyOnWriteArrayList<>();
            vertx.eventBus().<ScoreEvent>localConsumer(ScoreEvents.ADDRESS, m -> received.add(m.body().frame()))
                    .completion().await();
            events.deliver(new ScoreEvent("CHN", 5, Buffer.buffer("id: 5\nevent: score\ndata: {}\n\n")), true);
            org.awaitility.Awaitility.await().until(() -> received.size() == 1);
            assertThat(((BufferInternal) received.get(0)).getByteBuf().isDirect()).isTrue();
            assertThat(received.get(0).toString()).isEqualTo("id: 5\nevent: score\ndata: {}\n\n");
            assertThat(events.latest("CHN").orElseThrow().frame()).isSameAs(received.get(0));
        } finally {
            vertx.close().await();
        }
    }
}
