package io.darkscope.sim.model;

import java.util.Locale;

/**
 * Kinds of packets that look spoofed or crafted, which the truth counts per day over every
 * IPv4 packet written (whatever tool wrote it; one packet may be of several kinds):
 * <ul>
 *   <li>{@code source_net_or_broadcast}: the source address ends in .0 or .255;</li>
 *   <li>{@code source_equals_destination}: source and destination addresses are equal (a LAND attack);</li>
 *   <li>{@code port_zero}: a TCP or UDP packet (not a later fragment) with source or destination port 0;</li>
 *   <li>{@code high_ttl}: TTL of 200 or more, without masscan's fingerprint (a TCP packet with SYN set, ACK
 *       clear and IP ID = (destination ^ destination port ^ sequence) &amp; 0xffff); ZMap up to 4.0 (TTL 255) counts;</li>
 *   <li>{@code all_flags}: TCP with all six flags FIN, SYN, RST, PSH, ACK, URG (as unicornscan can send);</li>
 *   <li>{@code syn_fin}: TCP with SYN and FIN, but not all six;</li>
 *   <li>{@code syn_rst}: TCP with SYN and RST, but not FIN nor all six;</li>
 *   <li>{@code no_flags}: TCP with none of the six flags (a null scan);</li>
 *   <li>{@code later_fragment}: an IPv4 fragment with a non-zero offset.</li>
 * </ul>
 * The four TCP flag kinds exclude each other, in that order.
 */
public enum SpoofKind {
    SOURCE_NET_OR_BROADCAST, SOURCE_EQUALS_DESTINATION, PORT_ZERO, HIGH_TTL, ALL_FLAGS, SYN_FIN, SYN_RST, NO_FLAGS, LATER_FRAGMENT;

    private static final SpoofKind[] VALUES = values();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SpoofKind parse(String text) {
        for (SpoofKind k : VALUES) {
            if (k.label().equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + text + "' (" + String.join(", ",
                java.util.Arrays.stream(VALUES).map(SpoofKind::label).toList()) + ")");
    }
}
