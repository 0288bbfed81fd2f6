package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.Accumulator;
import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;

import java.util.Map;
import java.util.TreeMap;

/** One worker's backscatter: IPv4 replies to spoofed packets, by victim, second and port. */
final class BackscatterAccumulator implements Accumulator<DayBackscatter> {
    private final Map<Day, DayBackscatter> days = new TreeMap<>();
    private Day currentDay;
    private DayBackscatter current;

    @Override
    public void accept(PacketView p, PacketTags tags) {
        if (tags.trafficClass() != TrafficClass.BACKSCATTER || !p.isIpv4()) {
            return;
        }
        if (tags.day() != currentDay) {
            currentDay = tags.day();
            current = days.computeIfAbsent(currentDay, DayBackscatter::new);
        }
        if (p.hasQuote()) { // an ICMP error quotes the spoofed packet: its destination is the victim
            current.add(p.quotedDst4(), p.quotedDstPort(), p.timestampNanos());
        } else {
            current.add(p.src4(), p.srcPort(), p.timestampNanos());
        }
    }

    @Override
    public Map<Day, DayBackscatter> drain() {
        Map<Day, DayBackscatter> result = new TreeMap<>(days);
        days.clear();
        currentDay = null;
        current = null;
        return result;
    }
}
