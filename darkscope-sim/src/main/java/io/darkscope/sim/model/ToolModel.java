package io.darkscope.sim.model;

import io.darkscope.capture.FrameBuilder;

import java.util.SplittableRandom;

/**
 * How one scanning tool (or a DoS victim) builds its packets, field by field as its real
 * implementation does; each model cites its source. A source is started once a day, then asked
 * for probes to darknet destinations in time order.
 */
public interface ToolModel {
    /** The name scenarios use, e.g. "mirai". */
    String name();

    /** Fixes what the tool keeps constant for this source (ports, window, IP ID...). */
    void start(Source source, SplittableRandom random, PortChoice ports);

    /**
     * Crafts the source's next packet into {@code frame}, which arrives reset with the source
     * and destination addresses set ({@code destination} is the IPv4 one, 0 for IPv6 tools),
     * and tells the truth about it in {@code probe}.
     */
    void probe(Source source, int destination, SplittableRandom random, PortChoice ports, FrameBuilder frame, Probe probe);

    /**
     * Brings a source that was started afresh up to where it was after {@code sent} probes (an
     * attack or a scan that began the day before), for the fields the tool changes per probe.
     */
    default void resume(Source source, long sent) {
    }

    /** The fields of the tool's TCP SYN probes, or null when it sends none (or no one kind). */
    default SynSignature synSignature() {
        return null;
    }

    /** Whether the tool ever sends to this IPv4 destination (Mirai skips some ranges). */
    default boolean targets(int destination) {
        return true;
    }

    /** Whether the tool's sources and destinations are IPv6. */
    default boolean ipv6() {
        return false;
    }
}
