package io.darkscope.sim;

import io.darkscope.geo.AsnTable;
import io.darkscope.geo.GeoData;
import io.darkscope.geo.GeoTestData;
import io.darkscope.geo.RangeTable;
import io.darkscope.sim.scenario.Network;
import io.darkscope.sim.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sources from the kinds of network their tools live in: IoT worms from home and mobile
 * networks, never from clouds or satellite operators; research scanners mostly from hosting.
 * Checked against the AS table itself, on the real GeoIP data (fetched by .ci/run).
 */
class SimulatorNetworksTest {
    @TempDir
    Path dir;

    @Test
    void asesAreSortedByTheirOrganisationsAndAShortList() {
        assertThat(NetworkClasses.of(16509, "Amazon.com, Inc.")).isEqualTo(Network.HOSTING);
        assertThat(NetworkClasses.of(8075, "Microsoft Corporation")).isEqualTo(Network.HOSTING);
        assertThat(NetworkClasses.of(64500, "Example Cloud Hosting GmbH")).isEqualTo(Network.HOSTING);
        assertThat(NetworkClasses.of(14593, "Space Exploration Technologies Corporation")).as("no 2016 home router in Starlink").isNull();
        assertThat(NetworkClasses.of(64501, "Some Satellite Broadband")).isNull();
        assertThat(NetworkClasses.of(64502, "University of Somewhere")).isNull();
        assertThat(NetworkClasses.of(17676, "SoftBank Corp.")).as("a 'bank' in a word is no bank").isEqualTo(Network.RESIDENTIAL);
        assertThat(NetworkClasses.of(9605, "NTT DOCOMO, INC.")).isEqualTo(Network.MOBILE);
        assertThat(NetworkClasses.of(64503, "Colombia Movil")).isEqualTo(Network.MOBILE);
        assertThat(NetworkClasses.of(5769, "Videotron Ltee")).as("'ltee' is not LTE").isEqualTo(Network.RESIDENTIAL);
        assertThat(NetworkClasses.of(1766, "Exxon Mobil Corporation")).isNull();
        assertThat(NetworkClasses.of(28573, "Claro NXT Telecomunicacoes Ltda")).isEqualTo(Network.RESIDENTIAL);
    }

    @Test
    void wormsComeFromHomeAndMobileNetworksAndScannersMostlyFromHosting() throws Exception {
        assumeTrue(GeoTestData.present(), GeoTestData.ABSENT);
        Path file = dir.resolve("networks.yaml");
        Files.writeString(file, """
                name: networks
                from: 2016-11-27
                to: 2016-11-27
                darknet: [45.64.0.0/16]
                actors:
                  - {name: mirai, tool: mirai, sources: 600, probes: 3, countries: {US: 1, BR: 1, IE: 1, JP: 1}}
                  - {name: worm, tool: tr069, sources: 400, probes: 2, countries: {BR: 1, GB: 1}, networks: {mobile: 1}}
                  - {name: scanners, tool: zmap, sources: 400, probes: 2, countries: {US: 1, NL: 1, DE: 1}}
                """);
        Path out = dir.resolve("sim");
        try (GeoData geo = GeoTestData.open(dir)) {
            new Simulator(Scenario.load(file.toString()), new SimulationOptions(null, null, 1, 4, false, false, 1), geo).run(out, n -> { });
            AsnTable asns = geo.asns().orElseThrow();
            RangeTable table = asns.ipv4();
            Map<Integer, Network> bySource = new HashMap<>();
            Map<Integer, Integer> portOf = new HashMap<>();
            for (CapturedPackets.Packet p : CapturedPackets.read(out)) {
                int label = table.labelOf(p.src());
                String as = label < 0 ? null : table.name(label);
                bySource.put(p.src(), as == null ? null : NetworkClasses.of(Long.parseLong(as.substring(2)), asns.organisation(as)));
                portOf.put(p.src(), p.dstPort());
            }
            Set<Integer> mirai = new HashSet<>();
            Set<Integer> worm = new HashSet<>();
            Set<Integer> scanners = new HashSet<>();
            portOf.forEach((src, port) -> (port == 23 || port == 2323 ? mirai : port == 7547 ? worm : scanners).add(src));
            assertThat(mirai).hasSizeGreaterThan(500);
            assertThat(mirai).as("Mirai bots in home (75%) and mobile (25%) networks, none in clouds, satellites or elsewhere")
                    .allSatisfy(s -> assertThat(bySource.get(s)).isIn(Network.RESIDENTIAL, Network.MOBILE));
            long mobile = mirai.stream().filter(s -> bySource.get(s) == Network.MOBILE).count();
            assertThat(mobile / (double) mirai.size()).isBetween(0.15, 0.35);
            assertThat(worm).allSatisfy(s -> assertThat(bySource.get(s)).isEqualTo(Network.MOBILE));
            long hosting = scanners.stream().filter(s -> bySource.get(s) == Network.HOSTING).count();
            assertThat(hosting / (double) scanners.size()).as("80% of research scanners in hosting").isBetween(0.7, 0.9);
            assertThat(List.of(mirai, worm)).allSatisfy(set -> assertThat(set).allSatisfy(s -> {
                int label = table.labelOf(s);
                assertThat(label < 0 ? "" : table.name(label)).isNotIn("AS16509", "AS14618", "AS8075", "AS14593");
            }));
        }
    }
}
