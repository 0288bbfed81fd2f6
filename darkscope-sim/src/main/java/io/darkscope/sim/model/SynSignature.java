package io.darkscope.sim.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a tool's TCP SYN probes that a stack or scanner signature reads: TTL (as
 * sent), window (null when each source draws its own), MSS and window scale (null without
 * the option), the option kinds in order, the don't-fragment flag and how the IP ID is chosen.
 */
public record SynSignature(int ttl, Integer window, Integer mss, Integer windowScale, List<Integer> options, boolean dontFragment,
                           String ipId) {
    /** A signature whose MSS, window scale and option kinds are read from the option bytes the tool sends. */
    public static SynSignature of(int ttl, Integer window, byte[] options, boolean dontFragment, String ipId) {
        List<Integer> kinds = new ArrayList<>();
        Integer mss = null;
        Integer scale = null;
        for (int i = 0; i < options.length; ) {
            int kind = options[i] & 0xff;
            if (kind == 0) {
                break;
            }
            kinds.add(kind);
            if (kind == 1) {
                i++;
                continue;
            }
            int length = options[i + 1] & 0xff;
            if (kind == 2) {
                mss = (options[i + 2] & 0xff) << 8 | (options[i + 3] & 0xff);
            } else if (kind == 3) {
                scale = options[i + 2] & 0xff;
            }
            i += length;
        }
        return new SynSignature(ttl, window, mss, scale, List.copyOf(kinds), dontFragment, ipId);
    }
}
