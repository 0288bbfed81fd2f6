package io.darkscope.query;

import java.time.Instant;

/**
 * Darknet packets a running sensor counted over a few seconds, by protocol class: the live view
 * of what the store holds once the minute is committed.
 *
 * @param time    the end of the sample
 * @param seconds the sample's length
 */
public record LiveSample(Instant time, int seconds, long tcp, long udp, long icmp, long other) {
    public long total() {
        return tcp + udp + icmp + other;
    }
}
