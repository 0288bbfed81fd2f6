package io.darkscope.sensor;

import io.darkscope.pipeline.SourceTally;
import io.darkscope.query.LiveFeed;
import io.darkscope.query.LiveSample;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A sensor's darknet packets per second and protocol, from its running tally: the live view of
 * what the store will hold once the minute is committed. Keeps the last hour.
 */
final class LiveCounters implements LiveFeed {
    private static final int KEPT = 3600;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final SourceTally tally;
    private final ArrayDeque<LiveSample> samples = new ArrayDeque<>();
    private final List<Consumer<LiveSample>> listeners = new CopyOnWriteArrayList<>();
    private long lastNanos;
    private long tcp;
    private long udp;
    private long icmp;
    private long all;

    LiveCounters(SourceTally tally, long nowNanos) {
        this.tally = tally;
        this.lastNanos = nowNanos;
    }

    /** Takes a sample if a second has passed since the last. */
    void tick(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed < 1_000_000_000L) {
            return;
        }
        long tcpNow = tally.darknet(TCP);
        long udpNow = tally.darknet(UDP);
        long icmpNow = tally.darknet(ICMP) + tally.darknet(ICMPV6);
        long allNow = tally.darknet();
        long dTcp = tcpNow - tcp;
        long dUdp = udpNow - udp;
        long dIcmp = icmpNow - icmp;
        LiveSample sample = new LiveSample(Instant.now(), (int) Math.round(elapsed / 1e9), dTcp, dUdp, dIcmp, allNow - all - dTcp - dUdp - dIcmp);
        tcp = tcpNow;
        udp = udpNow;
        icmp = icmpNow;
        all = allNow;
        lastNanos = nowNanos;
        synchronized (samples) {
            if (samples.size() == KEPT) {
                samples.removeFirst();
            }
            samples.addLast(sample);
        }
        for (Consumer<LiveSample> listener : listeners) {
            try {
                listener.accept(sample);
            } catch (RuntimeException e) { // a subscriber gone wrong (a closed connection) must not stop the sensor
                listeners.remove(listener);
            }
        }
    }

    @Override
    public List<LiveSample> recent() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<LiveSample> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
