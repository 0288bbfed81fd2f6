package io.darkscope.analysis.fingerprint;

import io.darkscope.analysis.DayStates;
import io.darkscope.analysis.traffic.TrafficAnalysis;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.classify.TrafficClass;
import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.testing.PipelineRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        DayStates day = analyse(file);
        Map<Fingerprint, FingerprintState.Result> results = day.get(FingerprintAnalysis.INSTANCE).results();
        Set<Fingerprint> found = results.entrySet().stream().filter(e -> !e.getValue().sources().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(() -> EnumSet.noneOf(Fingerprint.class)));
        Set<Fingerprint> wanted = Arrays.stream(expected.split(",")).filter(s -> !s.isBlank()).map(Fingerprint::byLabel)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fingerprint.class)));
        assertThat(found).isEqualTo(wanted);
        for (Fingerprint f : wanted) {
            assertThat(results.get(f).packets()).as("every probe of " + file).isEqualTo(syns);
            assertThat(results.get(f).sources().toArray()).containsExactly(0xC0000202); // 192.0.2.2
        }
        assertThat(day.get(TrafficAnalysis.INSTANCE).classPackets(TrafficClass.SCAN)).as("SYNs are scans").isEqualTo(syns);
    }

    private static DayStates analyse(String file) throws Exception {
        List<PipelineRun.Frame> frames = new ArrayList<>();
        FrameBatch batch = new FrameBatch();
        try (CaptureReader reader = Captures.open(resource(file))) {
            while (reader.next(batch)) {
                for (int i = 0; i < batch.count(); i++) {
                    byte[] bytes = Arrays.copyOfRange(batch.data(), batch.frameOffset(i), batch.frameOffset(i) + batch.capturedLength(i));
                    frames.add(new PipelineRun.Frame(batch.timestampNanos(i), bytes));
                }
            }
            assertThat(reader.problems()).isEmpty();
        }
        List<DayStates> days = PipelineRun.run(frames, 2, DarknetRegistry.ofPrefixes(List.of(Prefix.parse("0.0.0.0/0"))), ZoneOffset.UTC);
        assertThat(days).hasSize(1);
        return days.get(0);
    }

    private static Path resource(String file) throws URISyntaxException {
        return Path.of(RealToolsTest.class.getResource("/tools/" + file).toURI());
    }
}
