package io.darkscope.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.darkscope.analysis.traffic.TrafficKey;
import io.darkscope.capture.CaptureWriter;
import io.darkscope.capture.PcapWriter;
import io.darkscope.capture.PcapngWriter;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.decode.LinkType;
import io.darkscope.geo.GeoData;
import io.darkscope.sim.model.ToolModel;
import io.darkscope.sim.model.ToolModels;
import io.darkscope.sim.scenario.Actor;
import io.darkscope.sim.scenario.Scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a scenario into a directory: one capture file a day under {@code captures/}, the
 * darknet as a CIDR list ({@code darknet.txt}) and as a darkscope configuration
 * ({@code darkscope.yaml}, with the scenario's time zone), and {@code truth.json}, what was sent.
 * Days are independent, so several are generated at once; the same seed gives the same bytes.
 */
public final class Simulator {
    /** Subdirectory of the output holding the captures. */
    public static final String CAPTURES = "captures";

    private final Scenario scenario;
    private final SimulationOptions options;
    private final AddressSpace space;

    public Simulator(Scenario scenario, SimulationOptions options, AddressSpace space) {
        this.scenario = scenario;
        this.options = options;
        this.space = space;
    }

    /** A simulator drawing sources from public space at random, whatever their country. */
    public Simulator(Scenario scenario, SimulationOptions options) {
        this(scenario, options, AddressSpace.anywhere(scenario.darknet()));
    }

    /** A simulator drawing sources from their countries' and ASes' real space, as the GeoIP data knows it. */
    public Simulator(Scenario scenario, SimulationOptions options, GeoData geo) {
        this(scenario, options, geo.countries().isPresent() ? new GeoAddressSpace(geo, scenario.darknet(), scenario.anywhereBut())
                : AddressSpace.anywhere(scenario.darknet()));
    }

    /** The days that will be simulated. */
    public List<LocalDate> days() {
        LocalDate from = options.from() == null || options.from().isBefore(scenario.from()) ? scenario.from() : options.from();
        LocalDate to = options.to() == null || options.to().isAfter(scenario.to()) ? scenario.to() : options.to();
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /**
     * Writes everything into {@code out}; {@code progress} hears the packets of each finished day.
     *
     * @return packets written
     */
    public long run(Path out, LongConsumer progress) throws IOException {
        Path captures = Files.createDirectories(out.resolve(CAPTURES));
        DayGenerator generator = generator();
        Map<String, int[]> portSets = portSets();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "darkscope-simulate");
            t.setDaemon(true);
            return t;
        });
        List<Future<DayTruth>> days = new ArrayList<>();
        try {
            for (LocalDate day : days()) {
                days.add(pool.submit(() -> {
                    DayTruth truth = new DayTruth(day, portSets);
                    try (CaptureWriter writer = writer(captures.resolve(fileName(day)))) {
                        generator.generate(day, writer, truth);
                    }
                    progress.accept(truth.packets());
                    return truth;
                }));
            }
            List<DayTruth> truths = new ArrayList<>();
            for (Future<DayTruth> f : days) {
                truths.add(f.get());
            }
            writeDarknet(out);
            writeTruth(out.resolve("truth.json"), truths);
            return truths.stream().mapToLong(DayTruth::packets).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("simulation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
    }

    private DayGenerator generator() {
        List<ToolModel> models = new ArrayList<>();
        List<DayGenerator.Destinations> destinations = new ArrayList<>();
        Prefix ipv6 = scenario.darknet().stream().filter(p -> p.version() == 6).findFirst().orElse(null);
        for (Actor a : scenario.actors()) {
            ToolModel model = ToolModels.byName(a.tool());
            if (model.ipv6() && ipv6 == null) {
                throw new IllegalArgumentException("actor '" + a.name() + "' scans IPv6 but the darknet has no IPv6 prefix");
            }
            models.add(model);
            destinations.add(model.ipv6() ? null : new DayGenerator.Destinations(scenario.darknet(), model));
        }
        return new DayGenerator(scenario.actors(), models, destinations, ipv6, space, scenario.zone(), options.scale(), options.seed());
    }

    private Map<String, int[]> portSets() {
        Map<String, int[]> sets = new LinkedHashMap<>();
        scenario.portSets().forEach((name, ports) -> sets.put(name, ports.stream().mapToInt(Simulator::key).toArray()));
        return sets;
    }

    private static int key(String port) {
        int slash = port.indexOf('/');
        return slash < 0 ? TrafficKey.of(IpProtocol.parse(port), -1)
                : TrafficKey.of(IpProtocol.parse(port.substring(slash + 1)), Integer.parseInt(port.substring(0, slash)));
    }

    /** The capture file of a day, e.g. {@code nicter-2016-2016-09-20.pcap.gz}. */
    public String fileName(LocalDate day) {
        return scenario.name() + "-" + day + (options.pcapng() ? ".pcapng" : ".pcap") + (options.gzip() ? ".gz" : "");
    }

    private CaptureWriter writer(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (options.gzip()) {
            out = new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        if (!options.pcapng()) {
            return new PcapWriter(out, LinkType.ETHERNET, true);
        }
        PcapngWriter pcapng = new PcapngWriter(out, false);
        pcapng.addInterface(LinkType.ETHERNET, 65_535, 9);
        return pcapng;
    }

    private void writeDarknet(Path out) throws IOException {
        StringBuilder list = new StringBuilder("# darknet of the simulated scenario '" + scenario.name() + "'\n");
        StringBuilder yaml = new StringBuilder("# darkscope configuration for the simulated scenario '" + scenario.name() + "'\n")
                .append("timezone: ").append(scenario.zone().getId()).append("\ndarknet:\n");
        for (Prefix p : scenario.darknet()) {
            list.append(p).append('\n');
            yaml.append("  - ").append(p).append('\n');
        }
        Files.writeString(out.resolve("darknet.txt"), list);
        Files.writeString(out.resolve("darkscope.yaml"), yaml);
    }

    private void writeTruth(Path file, List<DayTruth> days) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("scenario", scenario.name());
        root.put("description", scenario.description());
        root.put("seed", options.seed());
        root.put("scale", options.scale());
        root.put("timezone", scenario.zone().getId());
        ArrayNode darknet = root.putArray("darknet");
        scenario.darknet().forEach(p -> darknet.add(p.toString()));
        ObjectNode sets = root.putObject("port_sets");
        scenario.portSets().forEach((name, ports) -> ports.forEach(sets.putArray(name)::add));
        ArrayNode events = root.putArray("events");
        for (Scenario.Event e : scenario.events()) {
            ObjectNode event = events.addObject();
            event.put("date", e.date().toString());
            event.put("kind", e.kind());
            event.put("key", e.key());
            if (e.note() != null) {
                event.put("note", e.note());
            }
        }
        ArrayNode array = root.putArray("days");
        days.forEach(d -> array.add(d.toJson()));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }
}
