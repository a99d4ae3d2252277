package io.ballast.server.score;

/** Something a viewer should know about a composite, in one sentence; {@code kind} is stable for clients. */
public record Warning(String kind, String message) {
}
