package io.darkscope.report;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The colours of a report: fixed ones per protocol, and one per port kept the same in every
 * figure (given in the order of the year's port ranking, so the busiest ports get the first).
 * No two ports share a colour, however many a report draws together.
 */
final class Palette {
    static final Color TCP = new Color(0x1f77b4);
    static final Color UDP = new Color(0xff7f0e);
    static final Color ICMP = new Color(0x2ca02c);
    static final Color OTHER = new Color(0x7f7f7f);
    static final Color COUNTRY = new Color(0xd62728);
    static final Color SURVEY = new Color(0x9467bd);
    /**
     * Tableau 10 without its grey (the "other" bar's), then darker hues: every two at least 20
     * apart in CIE L*a*b* (Tableau 20's light twins are not), enough for Figure 3's ten ports
     * and Figure 4's six series together.
     */
    private static final Color[] PORTS = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0x393b79),
        new Color(0x843c39), new Color(0xe7298a), new Color(0xa6761d), new Color(0x6b6ecf), new Color(0x637939),
        new Color(0x7b4173), new Color(0x00a087)};
    /** The golden ratio's fraction: hues this far apart never repeat and stay far from the last few. */
    private static final double GOLDEN = 0.618033988749895;

    private final Map<String, Color> ports = new HashMap<>();

    Palette(List<String> rankedPorts) {
        rankedPorts.forEach(this::port);
    }

    /** The colour of a port key such as "23/tcp"; a new port gets the next colour, one no other port has. */
    Color port(String key) {
        return ports.computeIfAbsent(key, k -> colour(ports.size()));
    }

    /** The n-th port's colour: the base palette, then saturated hues a golden ratio of the circle apart. */
    private static Color colour(int n) {
        if (n < PORTS.length) {
            return PORTS[n];
        }
        float hue = (float) (n * GOLDEN % 1.0);
        return Color.getHSBColor(hue, 0.75f, n % 2 == 0 ? 0.6f : 0.85f);
    }
}
