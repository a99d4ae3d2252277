package io.ballast.server.indicator;

/**
 * Where a plugin is in its life. A plugin is DISCOVERED from the moment the host claims its id until it starts, or is
 * switched off by config, in the same registration.
 *
 * <pre>
 * DISCOVERED ──► STARTED ──► STOPPED ──► UNLOADED
 *      │            │
 *      │            └──► FAILED   (threw, timed out, returned an invalid reading, started threads;
 *      │                           out of process also: its runner exited, ran out of memory or broke the protocol)
 *      └──► DISABLED              (switched off by config or an admin)
 * </pre>
 */
public enum PluginState {
    DISCOVERED, STARTED, STOPPED, UNLOADED, FAILED, DISABLED
}
