package io.darkscope.report;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours of a report: fixed ones per protocol, and one per port kept the same in every
 * figure (given in the order of the year's port ranking, so the busiest ports get the first).
 */
final class Palette {
    static final Color TCP = new Color(0x1f77b4);
    static final Color UDP = new Color(0xff7f0e);
    static final Color ICMP = new Color(0x2ca02c);
    static final Color OTHER = new Color(0x7f7f7f);
    static final Color COUNTRY = new Color(0xd62728);
    private static final Color[] PORTS = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0x86bcb6),
        new Color(0x8cd17d), new Color(0xd4a6c8)};

    private final Map<String, Color> ports = new HashMap<>();

    Palette(List<String> rankedPorts) {
        rankedPorts.forEach(this::port);
    }

    /** The colour of a port key such as "23/tcp"; new ports get the next free colour. */
    Color port(String key) {
        return ports.computeIfAbsent(key, k -> PORTS[ports.size() % PORTS.length]);
    }
}
