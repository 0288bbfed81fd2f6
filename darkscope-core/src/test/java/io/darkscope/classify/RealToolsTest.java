package io.darkscope.classify;

import io.darkscope.aggregate.Analyses;
import io.darkscope.aggregate.DayClock;
import io.darkscope.aggregate.DayFingerprints;
import io.darkscope.aggregate.DayResults;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.RecordBatch;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprints on captures of the real tools (made as described in tools/SOURCES.md): each
 * rule fires for the tool it describes, on every one of its packets, and for nothing else.
 */
class RealToolsTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "zmap-2.1.1.pcap,     zmap,    64",
            "masscan-1.3.2.pcap,  masscan, 64",
            "nmap-7.93-syn.pcap,  '',      48",
            "linux-connect.pcap,  '',      8",
            "hping3-syn.pcap,     '',      30"})
    void eachRuleFindsItsOwnToolAndNoOther(String file, String expected, long syns) throws Exception {
        DayResults day = analyse(file);
        Map<Fingerprint, DayFingerprints.Result> results = day.fingerprints().results();
        Set<Fingerprint> found = results.entrySet().stream().filter(e -> !e.getValue().sources().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(() -> EnumSet.noneOf(Fingerprint.class)));
        Set<Fingerprint> wanted = Arrays.stream(expected.split(",")).filter(s -> !s.isBlank()).map(Fingerprint::byLabel)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fingerprint.class)));
        assertThat(found).isEqualTo(wanted);
        for (Fingerprint f : wanted) {
            assertThat(results.get(f).packets()).as("every probe of " + file).isEqualTo(syns);
            assertThat(results.get(f).sources().toArray()).containsExactly(0xC0000202); // 192.0.2.2
        }
        assertThat(day.traffic().classPackets(TrafficClass.SCAN)).as("SYNs are scans").isEqualTo(syns);
    }

    private static DayResults analyse(String file) throws Exception {
        PacketDecoder decoder = new PacketDecoder();
        PacketView view = new PacketView();
        DayClock clock = new DayClock(ZoneOffset.UTC);
        Analyses analyses = new Analyses(1024);
        RecordBatch batch = new RecordBatch();
        try (CaptureReader reader = Captures.open(resource(file))) {
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    DecodeResult r = decoder.decode(batch.linkType(i), batch.data(), batch.frameOffset(i), batch.capturedLength(i),
                            batch.wireLength(i), batch.timestampNanos(i), view);
                    assertThat(r).isEqualTo(DecodeResult.IP);
                    clock.moveTo(view.epochSecond());
                    analyses.accept(view, clock);
                }
            }
            assertThat(reader.problems()).isEmpty();
        }
        List<DayResults> days = analyses.finish();
        assertThat(days).hasSize(1);
        return days.get(0);
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(RealToolsTest.class.getResource("/tools/" + file).toURI());
    }
}
