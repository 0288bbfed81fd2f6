package io.darkscope.analysis.scan;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import io.darkscope.ingest.Ingest;
import io.darkscope.ingest.IngestListener;
import io.darkscope.ingest.IngestOptions;
import io.darkscope.store.Store;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scan events and SYN signatures on captures of the real tools (tools/SOURCES.md): each command's
 * ports as scans of the packets and addresses it sent, and the tool's signature and family, read
 * with tshark from the same files.
 */
class RealToolScansTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "zmap-2.1.1.pcap;      255:65535:-:-:-;                    scanner/zmap;    80;         64; 64",
        "masscan-1.3.2.pcap;   255:1024:-:-:-;                     scanner/masscan; 80 8080;    32; 32",
        "nmap-7.93-syn.pcap;   64:1024:1460:-:mss;                 scanner/nmap;    22 80 443;  16; 16",
        "linux-connect.pcap;   64:64240:1460:10:mss,sok,ts,nop,ws; linux;           80;         8;  8",
        "hping3-syn.pcap;      64:512:-:-:-;                       scanner/hping3;  23;         30; 1"})
    void eachToolsScansAndSignature(String file, String signature, String family, String ports, long packets, long destinations)
            throws Exception {
        try (Store store = Store.open(dir)) {
            DarknetRegistry darknet = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("203.0.113.0/24")));
            new Ingest(store, IngestOptions.defaults(darknet, ZoneOffset.UTC), IngestListener.NONE)
                    .run(List.of(Path.of(RealToolScansTest.class.getResource("/tools/" + file).toURI())));
            ScanQueries queries = new ScanQueries(store);
            List<ScanRows.Signature> signatures = queries.signatures(null, null, null, 0);
            assertThat(signatures).extracting(ScanRows.Signature::signature).containsExactly(signature);
            assertThat(signatures.get(0).family()).isEqualTo(family);
            List<ScanRows.Scan> scans = queries.scans(new ScanQueries.Filter(null, null, null, null, null, 1, 0, ScanQueries.TIMEOUT_SECONDS));
            assertThat(scans).extracting(ScanRows.Scan::port).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(ports.split(" ")).map(Integer::valueOf).toList());
            assertThat(scans).allSatisfy(s -> {
                assertThat(s.source()).isEqualTo("192.0.2.2");
                assertThat(s.type()).isEqualTo("tcp-syn");
                assertThat(s.packets()).isEqualTo(packets);
                assertThat(s.destinations()).isEqualTo(destinations);
                assertThat(s.signatures()).containsExactly(signature);
                assertThat(s.tools()).contains(family);
                assertThat(s.coverage()).isEqualTo(destinations / 256.0);
            });
        }
    }
}
