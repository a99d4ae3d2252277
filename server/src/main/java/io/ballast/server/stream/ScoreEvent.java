package io.ballast.server.stream;

import io.vertx.core.buffer.Buffer;

/** One score update of a region: its sequence number and the SSE frame, serialised once for every subscriber. */
public record ScoreEvent(String region, long sequence, Buffer frame) {
}
