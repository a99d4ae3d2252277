package io.ballast.server.indicator;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The protocol between the server and a plugin runner JVM, version {@value #VERSION}: frames of a 4-byte big-endian
 * length and that many bytes of one JSON message, on the runner's stdin (server to runner) and stdout (runner to
 * server). The runner opens with {@link Hello}; then, one request at a time: {@link Measure} is answered by one
 * {@link Answer} per period, in order, as each is measured; {@link CheckHealth} by one {@link HealthAnswer};
 * {@link Close} by {@link Closed}, after which the runner exits. The messages carry the API's records in their own
 * plain shape ({@link RunnerWire}), so that the wire does not change when the API adds a default method.
 */
final class RunnerProtocol {

    /** Bumped on any change a runner of the previous version would misread. */
    static final int VERSION = 1;

    /** The largest frame either side accepts: a runner cannot make the server allocate more for one message. */
    static final int MAX_FRAME = 16 * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RunnerProtocol() {
    }

    /** Every message either side sends. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = Measure.class, name = "measure"),
        @JsonSubTypes.Type(value = Answer.class, name = "answer"),
        @JsonSubTypes.Type(value = CheckHealth.class, name = "check-health"),
        @JsonSubTypes.Type(value = HealthAnswer.class, name = "health"),
        @JsonSubTypes.Type(value = Close.class, name = "close"),
        @JsonSubTypes.Type(value = Closed.class, name = "closed")
    })
    sealed interface Message permits Hello, Measure, Answer, CheckHealth, HealthAnswer, Close, Closed {
    }

    /** The runner's first message: the protocol it speaks, the indicators its jar yielded and what it refused. */
    record Hello(int protocol, List<RunnerWire.Descriptor> indicators, List<String> problems) implements Message {
    }

    /**
     * Measure indicator number {@code indicator} (its place in {@link Hello#indicators()}) for a region in each of
     * {@code periods}, from the region's values of the series it declares (series code → year → value).
     */
    record Measure(int indicator, String region, List<Integer> periods, Map<String, Map<Integer, Double>> series,
                   Map<String, Double> settings, int carryForwardYears, double minCoverage,
                   List<RunnerWire.Event> events, RunnerWire.ClockState clock) implements Message {
    }

    /**
     * One period's answer: a reading, the indicator's word that data is missing, or the failure of the call
     * ({@code failure}, the call took {@code nanos}); {@code reads} names the values the indicator read (series code
     * → years), so the server can note their vintages; {@code threads} counts threads the plugin left running.
     */
    record Answer(int period, RunnerWire.Reading reading, RunnerWire.Missing missing, String failure, long nanos,
                  Map<String, List<Integer>> reads, int threads) implements Message {
    }

    /** Run indicator number {@code indicator}'s health check. */
    record CheckHealth(int indicator) implements Message {
    }

    /** A health check's outcome, or its failure. */
    record HealthAnswer(boolean healthy, String detail) implements Message {
    }

    /** Close every indicator and exit. */
    record Close() implements Message {
    }

    /** Every indicator was closed (or failed to: {@code problems}); the runner exits next. */
    record Closed(List<String> problems) implements Message {
    }

    /** Writes one frame and flushes it. */
    static void write(DataOutputStream out, Message message) throws IOException {
        byte[] bytes = JSON.writerFor(Message.class).writeValueAsBytes(message);
        if (bytes.length > MAX_FRAME) {
            throw new IOException("a message of " + bytes.length + " bytes exceeds the frame limit of " + MAX_FRAME);
        }
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame; {@link EOFException} when the other side closed the stream. */
    static Message read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a frame of " + length + " bytes is not within 0 and " + MAX_FRAME
                    + " (did the plugin write to standard output?)");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return JSON.readValue(bytes, Message.class);
    }
}
