package io.darkscope.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkscope.analysis.scan.ScanQueries;
import io.darkscope.analysis.scan.ScanRows;
import io.darkscope.sim.SimulatedStores;
import io.darkscope.sim.SimulationOptions;
import io.darkscope.sim.Simulator;
import io.darkscope.sim.scenario.Scenario;
import io.darkscope.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SYN signatures of every tool model against the fields its model declares in the truth
 * ({@code syn_signatures}), on a day of the every-tool scenario: a tool alone on its ports has
 * exactly its signature there, TTL rounded up to the stack's initial TTL.
 */
class SynSignaturesTest {
    private static final LocalDate DAY = LocalDate.of(2016, 10, 29);
    @TempDir
    static Path dir;
    private static JsonNode truth;
    private static Path data;

    @BeforeAll
    static void simulateAndIngest() throws Exception {
        Path yaml = dir.resolve("every-tool.yaml");
        try (var in = Simulator.class.getResourceAsStream("every-tool.yaml")) {
            Files.copy(in, yaml);
        }
        Path sim = dir.resolve("sim");
        new Simulator(Scenario.load(yaml.toString()), new SimulationOptions(DAY, DAY, 1, 3, false, false, 1)).run(sim, n -> { });
        truth = new ObjectMapper().readTree(sim.resolve("truth.json").toFile());
        data = dir.resolve("data");
        SimulatedStores.ingest(sim, data);
    }

    private static List<ScanRows.Signature> signatures(int port) throws Exception {
        try (Store store = Store.openReadOnly(data)) {
            return new ScanQueries(store).signatures(DAY, DAY, port, 0);
        }
    }

    /** The signature text the truth's fields make, with the TTL rounded up as stacks start it. */
    private static String expected(JsonNode t) {
        int ttl = t.get("ttl").asInt();
        int rounded = ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
        List<String> options = new ArrayList<>();
        t.get("options").forEach(k -> options.add(switch (k.asInt()) {
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "ws";
            case 4 -> "sok";
            case 8 -> "ts";
            default -> "?" + k.asInt();
        }));
        return rounded + ":" + t.get("window").asInt() + ":" + (t.get("mss").isNull() ? "-" : t.get("mss").asText()) + ":"
                + (t.get("window_scale").isNull() ? "-" : t.get("window_scale").asText()) + ":" + (options.isEmpty() ? "-" : String.join(",", options));
    }

    @ParameterizedTest(name = "{0} on {1}/tcp: {2}")
    @CsvSource({"zmap, 443, scanner/zmap", "zmap-4.1, 8443, scanner/zmap-4.1", "masscan, 3389, scanner/masscan", "ssh, 22, linux",
        "windows, 445, windows"})
    void aToolAloneOnItsPortHasItsModelsSignature(String tool, int port, String family) throws Exception {
        List<ScanRows.Signature> found = signatures(port);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).signature()).isEqualTo(expected(truth.at("/syn_signatures/" + tool)));
        assertThat(found.get(0).family()).isEqualTo(family);
        assertThat(found.get(0).share()).isEqualTo(1.0);
    }

    @Test
    void miraiBotsEachDrawTheirWindowButShareTheRestOfTheirSignature() throws Exception {
        JsonNode mirai = truth.at("/syn_signatures/mirai");
        assertThat(mirai.get("window").isNull()).isTrue();
        List<ScanRows.Signature> found = signatures(2323);
        assertThat(found.size()).as("a window per bot").isGreaterThan(50);
        assertThat(found).allSatisfy(s -> {
            assertThat(s.signature()).startsWith("64:").endsWith(":-:-:-");
            assertThat(s.family()).isEqualTo("iot");
        });
    }
}
