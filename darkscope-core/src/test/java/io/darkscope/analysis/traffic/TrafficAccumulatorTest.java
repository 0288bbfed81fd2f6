package io.darkscope.analysis.traffic;

import io.darkscope.classify.TrafficClass;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.LinkType;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.DayClock;
import io.darkscope.pipeline.PacketTags;
import io.darkscope.sets.RadixSort;
import io.darkscope.testing.Reference;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The accumulator's exact counts against hash sets computed from the generator's truth. */
class TrafficAccumulatorTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z
    private static final DarknetRegistry REGISTRY = DarknetRegistry.ofPrefixes(
            Arrays.stream(SyntheticTraffic.DARKNET.split("\n")).map(Prefix::parse).toList());

    private static Map<Day, DayTraffic> accumulate(List<SyntheticTraffic.Packet> packets, ZoneId zone, int bufferPairs) {
        TrafficAccumulator accumulator = new TrafficAccumulator(bufferPairs);
        feed(accumulator, packets, zone);
        return accumulator.drain();
    }

    private static void feed(TrafficAccumulator accumulator, List<SyntheticTraffic.Packet> packets, ZoneId zone) {
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        DayClock clock = new DayClock(zone);
        PacketTags tags = new PacketTags();
        for (SyntheticTraffic.Packet p : packets) {
            assertThat(decoder.decode(LinkType.ETHERNET, p.frame(), 0, p.frame().length, p.frame().length, p.nanos(), view))
                    .isEqualTo(DecodeResult.IP);
            Day day = clock.dayOf(view.epochSecond());
            if (REGISTRY.on(day.date()).contains(view)) {
                accumulator.accept(view, tags.set(day, TrafficClass.of(view)));
            }
        }
    }

    static void assertMatches(Map<LocalDate, DayTraffic> actual, Map<LocalDate, Reference.Day> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((date, e) -> {
            DayTraffic d = actual.get(date);
            assertThat(d.packets()).as(date + " packets").isEqualTo(e.total());
            assertThat(d.ipv6Packets()).as(date + " IPv6 packets").isEqualTo(e.ipv6Packets);
            e.packets.forEach((protocol, n) -> {
                assertThat(d.packets(protocol)).as(date + " packets of " + protocol).isEqualTo(n);
                assertThat(d.bytes(protocol)).as(date + " bytes of " + protocol).isEqualTo(e.bytes.get(protocol));
                assertThat(d.protocolSources(protocol).cardinality()).as(date + " sources of " + protocol)
                        .isEqualTo(e.protocolSources.get(protocol).size());
            });
            assertThat(d.allSources().cardinality()).as(date + " sources").isEqualTo(e.sources.size());
            Map<String, KeyTraffic> keys = new HashMap<>();
            d.keys().forEach((key, traffic) -> keys.put(Reference.port(TrafficKey.port(key), TrafficKey.protocol(key)), traffic));
            assertThat(keys.keySet()).isEqualTo(e.portPackets.keySet());
            e.portPackets.forEach((port, n) -> {
                assertThat(keys.get(port).packets()).as(date + " packets to " + port).isEqualTo(n);
                assertThat(keys.get(port).sources().cardinality()).as(date + " sources to " + port)
                        .isEqualTo(e.portSources.get(port).size());
            });
            long slotted = 0;
            for (int s = 0; s < d.day().slots(); s++) {
                for (ProtocolClass c : ProtocolClass.values()) {
                    slotted += d.slotPackets(s, c);
                }
            }
            assertThat(slotted).as(date + " packets in 5-minute slots").isEqualTo(e.total());
        });
    }

    private static Map<LocalDate, DayTraffic> byDate(Map<Day, DayTraffic> days) {
        Map<LocalDate, DayTraffic> map = new HashMap<>();
        days.forEach((day, d) -> map.merge(day.date(), d, DayTraffic::merge));
        return map;
    }

    /** Tiny buffers force every path: compaction, big keys moving to their sets, the whole buffer moving, cold days. */
    @ParameterizedTest(name = "zone {0}, buffer {1} pairs")
    @CsvSource({"UTC, 4096", "UTC, 300", "Asia/Tokyo, 64", "America/New_York, 1048576"})
    void countsEqualTheReference(String zone, int bufferPairs) {
        List<SyntheticTraffic.Packet> packets = SyntheticTraffic.generate(7, 60_000, 3_000, START, 5 * 86_400L);
        ZoneId z = ZoneId.of(zone);
        assertMatches(byDate(accumulate(packets, z, bufferPairs)), Reference.of(packets, z));
    }

    @Test
    void resultsMergeTheSameWhateverTheSplitAndOrder() {
        List<SyntheticTraffic.Packet> packets = SyntheticTraffic.generate(11, 30_000, 2_000, START, 3 * 86_400L);
        List<List<SyntheticTraffic.Packet>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        SplittableRandom random = new SplittableRandom(3);
        packets.forEach(p -> parts.get(random.nextInt(3)).add(p));
        Map<LocalDate, DayTraffic> forward = new HashMap<>();
        for (List<SyntheticTraffic.Packet> part : parts) {
            accumulate(part, ZoneId.of("UTC"), 512).forEach((day, d) -> forward.merge(day.date(), d, DayTraffic::merge));
        }
        assertMatches(forward, Reference.of(packets, ZoneId.of("UTC")));
    }

    @Test
    void aDaylightSavingDayHasItsOwnNumberOfSlots() {
        assertThat(Day.of(ZoneId.of("Europe/Berlin"), LocalDate.of(2016, 3, 27)).slots()).isEqualTo(23 * 12);
        assertThat(Day.of(ZoneId.of("Europe/Berlin"), LocalDate.of(2016, 10, 30)).slots()).isEqualTo(25 * 12);
        assertThat(Day.of(ZoneId.of("Asia/Tokyo"), LocalDate.of(2016, 9, 20)).startEpochSecond())
                .isEqualTo(1_474_297_200L);
    }

    @Test
    void radixSortOrdersByKeyThenSourceAndCarriesTheFlagBits() {
        SplittableRandom random = new SplittableRandom(5);
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            long key = random.nextInt(1 << 25);
            values[i] = (key << 32) | (random.nextInt() & 0xffffffffL) | (random.nextBoolean() ? Long.MIN_VALUE : 0);
        }
        long[] expected = Arrays.stream(values).map(v -> v & RadixSort.SORT_MASK).sorted().toArray();
        new RadixSort().sort(values, 0, values.length);
        assertThat(Arrays.stream(values).map(v -> v & RadixSort.SORT_MASK).toArray()).isEqualTo(expected);
    }
}
