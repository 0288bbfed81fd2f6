package io.darkscope.sim.scenario;

import java.util.Locale;

/**
 * The kind of network a source's address comes from, when the simulator has the GeoIP data's
 * AS table: home broadband, mobile, hosting and cloud, or any address of its country. How
 * ASes are sorted into them: {@code io.darkscope.sim.NetworkClasses}.
 */
public enum Network {
    RESIDENTIAL, MOBILE, HOSTING, ANY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Network parse(String text) {
        for (Network n : values()) {
            if (n.label().equals(text)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + text + "' (residential, mobile, hosting, any)");
    }
}
