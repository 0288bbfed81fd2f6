package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.Accumulator;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;

import java.util.Map;
import java.util.TreeMap;

/** One worker's spoofed-looking packets, per day. */
final class SpoofedAccumulator implements Accumulator<DaySpoofed> {
    private final Map<Day, DaySpoofed> days = new TreeMap<>();
    private DaySpoofed current;

    @Override
    public void accept(PacketView p, PacketTags tags) {
        if (!p.isIpv4()) {
            return;
        }
        if (current == null || current.day() != tags.day()) {
            current = days.computeIfAbsent(tags.day(), DaySpoofed::new);
        }
        int kinds = SpoofKind.of(p);
        if (kinds != 0) {
            current.add(kinds, p.src4());
        }
    }

    @Override
    public Map<Day, DaySpoofed> drain() {
        Map<Day, DaySpoofed> result = new TreeMap<>(days);
        days.clear();
        current = null;
        return result;
    }
}
