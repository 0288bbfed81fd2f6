package io.darkscope.aggregate;

import io.darkscope.classify.Fingerprint;
import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.PacketView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread's analyses of darknet packets, each fed the same decoded, classified packet (the
 * Corsaro plugin idea): the traffic statistics, the scanner fingerprints and the backscatter.
 * {@link #finish} hands over every day's mergeable results and starts afresh.
 */
public final class Analyses {
    private final TrafficAccumulator traffic;
    private final Days<DayFingerprints> fingerprints = new Days<>(clock -> new DayFingerprints(clock.date()));
    private final Days<DayBackscatter> backscatter = new Days<>(clock -> new DayBackscatter(clock.date()));

    /** @param bufferPairs size of each hot day's pair buffer in the traffic statistics */
    public Analyses(int bufferPairs) {
        this.traffic = new TrafficAccumulator(bufferPairs);
    }

    /** Counts a darknet packet of the day {@code clock} is on. */
    public void accept(PacketView p, DayClock clock) {
        TrafficClass trafficClass = TrafficClass.of(p);
        traffic.accept(p, clock, trafficClass);
        if (Fingerprint.isSyn(p, trafficClass)) {
            DayFingerprints day = fingerprints.on(clock);
            int source = p.src4();
            if (Fingerprint.mirai(p)) {
                day.mirai(source, p.ipId()); // seq = dst makes masscan's formula the port: no evidence for it
            } else {
                day.evidence(DayFingerprints.Rule.ZMAP, source, Fingerprint.zmapIpId(p));
                day.evidence(DayFingerprints.Rule.MASSCAN, source, Fingerprint.masscanIpId(p));
            }
        } else if (trafficClass == TrafficClass.BACKSCATTER && p.isIpv4()) {
            boolean quoted = p.hasQuote(); // only ICMP errors quote
            backscatter.on(clock).add(quoted ? p.quotedDst4() : p.src4(), p.timestampNanos(), quoted ? -1 : p.srcPort());
        }
    }

    /** Every day's results since the last call. */
    public List<DayResults> finish() {
        Map<LocalDate, DayFingerprints> f = new HashMap<>();
        fingerprints.drain().forEach(d -> f.put(d.date(), d));
        Map<LocalDate, DayBackscatter> b = new HashMap<>();
        backscatter.drain().forEach(d -> b.put(d.date(), d));
        List<DayResults> results = new ArrayList<>();
        for (DayTraffic t : traffic.finish()) {
            results.add(new DayResults(t, f.getOrDefault(t.date(), new DayFingerprints(t.date())),
                    b.getOrDefault(t.date(), new DayBackscatter(t.date()))));
        }
        return results;
    }
}
