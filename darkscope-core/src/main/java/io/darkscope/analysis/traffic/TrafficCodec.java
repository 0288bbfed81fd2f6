package io.darkscope.analysis.traffic;

import io.darkscope.analysis.Codec;
import io.darkscope.analysis.Varint;
import io.darkscope.classify.TrafficClass;
import io.darkscope.pipeline.Day;
import io.darkscope.sets.SortedKeys;
import io.darkscope.sets.SourceSet;
import it.unimi.dsi.fastutil.ints.Int2ObjectMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A day's traffic statistics as bytes: the protocols with packets, the IPv6 packets, every
 * 5-minute slot, the keys in ascending order, the union of sources and the traffic classes;
 * counts as varints, source sets in their stored form.
 */
final class TrafficCodec implements Codec<DayTraffic> {
    @Override
    public void write(DayTraffic day, DataOutput out) throws IOException {
        for (int protocol = 0; protocol < 256; protocol++) {
            if (day.packets(protocol) > 0) {
                out.writeByte(1);
                out.writeByte(protocol);
                Varint.write(out, day.packets(protocol));
                Varint.write(out, day.bytes(protocol));
                day.protocolSources(protocol).write(out);
            }
        }
        out.writeByte(0);
        Varint.write(out, day.ipv6Packets());
        for (int slot = 0; slot < day.day().slots(); slot++) {
            for (ProtocolClass c : ProtocolClass.values()) {
                Varint.write(out, day.slotPackets(slot, c));
            }
        }
        int[] keys = SortedKeys.of(day.keys().keySet());
        Varint.write(out, keys.length);
        for (int key : keys) {
            KeyTraffic k = day.keys().get(key);
            out.writeInt(key);
            Varint.write(out, k.packets());
            k.sources().write(out);
        }
        day.allSources().write(out);
        for (TrafficClass c : TrafficClass.values()) {
            Varint.write(out, day.classPackets(c));
            day.classSources(c).write(out);
        }
    }

    @Override
    public DayTraffic read(Day day, DataInput in) throws IOException {
        long[] packets = new long[256];
        long[] bytes = new long[256];
        SourceSet[] protocolSources = new SourceSet[256];
        while (in.readByte() != 0) {
            int protocol = in.readUnsignedByte();
            packets[protocol] = Varint.read(in);
            bytes[protocol] = Varint.read(in);
            protocolSources[protocol] = SourceSet.read(in);
        }
        long ipv6Packets = Varint.read(in);
        long[] slots = new long[day.slots() * 4];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = Varint.read(in);
        }
        int n = Varint.readInt(in, 1 << 25);
        Int2ObjectMap<KeyTraffic> keys = new Int2ObjectOpenHashMap<>(n);
        for (int i = 0; i < n; i++) {
            int key = in.readInt();
            keys.put(key, new KeyTraffic(Varint.read(in), SourceSet.read(in)));
        }
        SourceSet all = SourceSet.read(in);
        long[] classPackets = new long[TrafficClass.values().length];
        SourceSet[] classSources = new SourceSet[classPackets.length];
        Arrays.fill(classSources, SourceSet.EMPTY);
        for (int c = 0; c < classPackets.length; c++) {
            classPackets[c] = Varint.read(in);
            classSources[c] = SourceSet.read(in);
        }
        return new DayTraffic(day, packets, bytes, ipv6Packets, slots, keys, protocolSources, all, classPackets, classSources);
    }
}
