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
import io.darkscope.sim.model.Backscatter;
import io.darkscope.sim.model.SpoofedPackets;
import io.darkscope.sim.model.SynSignature;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
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
    /** The survey scanners' addresses, in NICT's JSON shape, beside the captures. */
    public static final String SURVEY_JSON = "survey-scanners.json";
    /** The survey scanners' prefixes with their organisations, one a line. */
    public static final String SURVEY_TEXT = "survey-scanners.txt";
    /** Everything a simulation writes in its output directory. */
    private static final List<String> OUTPUTS = List.of(CAPTURES, SURVEY_JSON, SURVEY_TEXT, "truth.json", "darknet.txt", "darkscope.yaml");

    private final Scenario scenario;
    private final SimulationOptions options;
    private final AddressSpace space;
    private DayGenerator generator;

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
        this.generator = generator;
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
            writeSurveyScanners(out, truths);
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

    /** Deletes what an earlier simulation wrote in {@code out}, and nothing else, so that a new one does not mix with it. */
    public static void removeOutput(Path out) throws IOException {
        for (String name : OUTPUTS) {
            Path path = out.resolve(name);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.deleteIfExists(path);
            }
        }
    }

    private DayGenerator generator() {
        List<ToolModel> models = new ArrayList<>();
        List<DayGenerator.Destinations> destinations = new ArrayList<>();
        Prefix ipv6 = scenario.darknet().stream().filter(p -> p.version() == 6).findFirst().orElse(null);
        for (Actor a : scenario.actors()) {
            ToolModel model = model(a);
            if (model.ipv6() && ipv6 == null) {
                throw new IllegalArgumentException("actor '" + a.name() + "' scans IPv6 but the darknet has no IPv6 prefix");
            }
            models.add(model);
            destinations.add(model.ipv6() ? null : new DayGenerator.Destinations(scenario.darknet(), model));
        }
        return new DayGenerator(scenario.actors(), models, destinations, ipv6, space, scenario.zone(), options.scale(), options.seed(),
                largeThreshold());
    }

    /** An actor's tool model, set up with what the actor says of it. */
    private static ToolModel model(Actor a) {
        ToolModel model = ToolModels.byName(a.tool());
        if (model instanceof Backscatter b && a.attack() != null) {
            return b.withPortsPerVictim(a.attack().portsPerVictim());
        }
        if (model instanceof SpoofedPackets s && a.kinds() != null) {
            return s.withKinds(a.kinds());
        }
        return model;
    }

    /** A tenth of the darknet's IPv4 addresses, rounded up: a source reaching as many in an hour is a large-scale scanner. */
    long largeThreshold() {
        long total = scenario.darknet().stream().filter(p -> p.version() == 4).mapToLong(p -> p.lastIpv4() - p.firstIpv4() + 1).sum();
        return (total + 9) / 10;
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

    /**
     * The survey scanners' addresses as NICT lists them ({@code survey-scanners.json}: ip,
     * scanner, the last day it was seen) and their prefixes with the organisation's name
     * ({@code survey-scanners.txt}).
     */
    private void writeSurveyScanners(Path out, List<DayTruth> days) throws IOException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        StringBuilder cidrs = new StringBuilder("# survey scanners of the simulated scenario '" + scenario.name()
                + "': a prefix, then the organisation\n");
        boolean any = false;
        for (Actor a : scenario.actors()) {
            if (a.survey() == null) {
                continue;
            }
            any = true;
            cidrs.append(a.prefix()).append(' ').append(a.survey().scanner()).append('\n');
            for (int j = 0; j < a.survey().addresses(); j++) {
                int address = DayGenerator.surveyAddress(a, j);
                LocalDate last = null;
                for (DayTruth d : days) {
                    if (d.surveySources(a.survey().scanner()).contains(address)) {
                        last = d.date();
                    }
                }
                if (last != null) {
                    ObjectNode entry = list.addObject();
                    entry.put("ip", dotted(address));
                    entry.put("scanner", a.survey().scanner());
                    entry.put("last_seen", last.toString());
                }
            }
        }
        if (any) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(SURVEY_JSON).toFile(), list);
            Files.writeString(out.resolve(SURVEY_TEXT), cidrs);
        }
    }

    static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
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
        ArrayNode actors = root.putArray("actors");
        for (Actor a : scenario.actors()) {
            actors.addObject().put("name", a.name()).put("tool", a.tool()).put("scale", a.scale(options.scale()));
        }
        ObjectNode signatures = root.putObject("syn_signatures");
        for (Actor a : scenario.actors()) {
            SynSignature sig = model(a).synSignature();
            if (sig != null && !signatures.has(a.tool())) {
                ObjectNode n = signatures.putObject(a.tool());
                n.put("ttl", sig.ttl());
                n.put("window", sig.window());
                n.put("mss", sig.mss());
                n.put("window_scale", sig.windowScale());
                sig.options().forEach(n.putArray("options")::add);
                n.put("dont_fragment", sig.dontFragment());
                n.put("ip_id", sig.ipId());
            }
        }
        ArrayNode surveys = root.putArray("survey_scanners");
        for (Actor a : scenario.actors()) {
            if (a.survey() != null) {
                ObjectNode n = surveys.addObject().put("scanner", a.survey().scanner()).put("prefix", a.prefix().toString());
                ArrayNode addresses = n.putArray("addresses");
                for (int j = 0; j < a.survey().addresses(); j++) {
                    addresses.add(dotted(DayGenerator.surveyAddress(a, j)));
                }
            }
        }
        List<ObjectNode> dayNodes = days.stream().map(DayTruth::toJson).toList();
        ArrayNode events = root.putArray("events");
        for (Scenario.Event e : scenario.events()) {
            ObjectNode event = events.addObject();
            event.put("date", e.date().toString());
            event.put("kind", e.kind());
            event.put("key", e.key());
            if (e.note() != null) {
                event.put("note", e.note());
            }
            eventSources(event, e, days, dayNodes);
        }
        root.putArray("scans").addAll(scans(days));
        root.put("large_scanner_threshold", largeThreshold());
        root.putArray("large_scanners").addAll(largeScanners(days));
        ArrayNode array = root.putArray("days");
        dayNodes.forEach(array::add);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    /**
     * An event's sources on its day as written, the median of the 14 days before (as the
     * detector's baseline; null with fewer than 7 of them simulated) and the growth, sources
     * over baseline (null when the baseline is null or 0: a new outbreak's growth is not a number).
     */
    private void eventSources(ObjectNode event, Scenario.Event e, List<DayTruth> days, List<ObjectNode> nodes) {
        String pointer = pointer(e.key());
        if (pointer == null) {
            return;
        }
        int at = -1;
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i).date().equals(e.date())) {
                at = i;
            }
        }
        if (at < 0) {
            return;
        }
        long sources = nodes.get(at).at(pointer).asLong(0);
        event.put("sources", sources);
        List<Long> before = new ArrayList<>();
        for (int i = Math.max(0, at - 14); i < at; i++) {
            before.add(nodes.get(i).at(pointer).asLong(0));
        }
        if (before.size() < 7) {
            event.putNull("baseline");
            event.putNull("growth");
            return;
        }
        before.sort(null);
        int n = before.size();
        double median = n % 2 == 1 ? before.get(n / 2) : (before.get(n / 2 - 1) + before.get(n / 2)) / 2.0;
        event.put("baseline", median);
        if (median > 0) {
            event.put("growth", sources / median);
        } else {
            event.putNull("growth");
        }
    }

    /** Where a day's truth holds the sources of an event's key, or null. */
    private String pointer(String key) {
        if (key.equals("mirai/early")) {
            return "/tools/mirai-early/sources";
        }
        if (key.equals("mirai/leaked")) {
            return "/tools/mirai/sources";
        }
        if (key.matches("\\d+/[a-z0-9]+")) {
            return "/ports/" + key.replace("/", "~1") + "/sources";
        }
        if (key.matches("[A-Z]{2} \\d+/[a-z0-9]+")) {
            String port = key.substring(3);
            for (Map.Entry<String, List<String>> set : scenario.portSets().entrySet()) {
                if (set.getValue().equals(List.of(port))) {
                    return "/countries/" + set.getKey().replace("~", "~0").replace("/", "~1") + "/" + key.substring(0, 2);
                }
            }
        }
        return null;
    }

    /** Every scan session that sent, merged over its days: its source and port, its window as written and as declared. */
    private List<ObjectNode> scans(List<DayTruth> days) {
        List<ObjectNode> out = new ArrayList<>();
        for (DayGenerator.SessionPlan p : generator.sessions()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long packets = 0;
            org.roaringbitmap.RoaringBitmap destinations = new org.roaringbitmap.RoaringBitmap();
            List<String> on = new ArrayList<>();
            for (DayTruth d : days) {
                DayTruth.Scan scan = d.scans().get(p.id());
                if (scan != null) {
                    first = Math.min(first, scan.first);
                    last = Math.max(last, scan.last);
                    packets += scan.packets;
                    destinations.or(scan.destinations);
                    on.add(d.date().toString());
                }
            }
            if (packets == 0) {
                continue;
            }
            org.roaringbitmap.RoaringBitmap slash24s = new org.roaringbitmap.RoaringBitmap();
            destinations.forEach((org.roaringbitmap.IntConsumer) x -> slash24s.add(x >>> 8));
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("actor", scenario.actors().get(p.actor()).name());
            n.put("tool", scenario.actors().get(p.actor()).tool());
            n.put("source", dotted(p.address()));
            n.put("country", p.country());
            n.put("port", p.session().port());
            ObjectNode declared = n.putObject("declared");
            java.time.ZonedDateTime start = p.session().start().atZone(scenario.zone());
            declared.put("start", start.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            declared.put("end", start.plusSeconds(p.session().seconds()).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            declared.put("seconds", p.session().seconds());
            declared.put("rate", p.session().rate());
            declared.put("packets", p.session().packets());
            declared.put("destinations", p.session().destinations());
            n.put("first", instant(first));
            n.put("last", instant(last));
            n.put("first_ns", first);
            n.put("last_ns", last);
            n.put("packets", packets);
            n.put("destinations", destinations.getLongCardinality());
            n.put("slash24s", slash24s.getLongCardinality());
            on.forEach(n.putArray("days")::add);
            out.add(n);
        }
        return out;
    }

    private static String instant(long nanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    /**
     * Every IPv4 source that sent to at least a tenth of the darknet's IPv4 addresses within one
     * clock hour of the scenario's time zone, with those hours; whether it is a listed survey scanner.
     */
    private List<ObjectNode> largeScanners(List<DayTruth> days) {
        java.util.TreeMap<Long, ObjectNode> bySource = new java.util.TreeMap<>();
        java.util.Set<Integer> listed = new java.util.HashSet<>();
        for (Actor a : scenario.actors()) {
            if (a.survey() != null) {
                for (int j = 0; j < a.survey().addresses(); j++) {
                    listed.add(DayGenerator.surveyAddress(a, j));
                }
            }
        }
        long threshold = largeThreshold();
        for (DayTruth d : days) {
            java.time.ZonedDateTime midnight = d.date().atStartOfDay(scenario.zone());
            d.hourly().forEach((address, hours) -> {
                for (int h = 0; h < hours.length; h++) {
                    if (hours[h] != null && hours[h].getLongCardinality() >= threshold) {
                        ObjectNode n = bySource.computeIfAbsent(Integer.toUnsignedLong(address), x -> {
                            ObjectNode o = JsonNodeFactory.instance.objectNode();
                            o.put("address", dotted(address));
                            o.put("listed", listed.contains(address));
                            o.putArray("hours");
                            return o;
                        });
                        ((ArrayNode) n.get("hours")).addObject()
                                .put("hour", midnight.plusHours(h).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                                .put("destinations", hours[h].getLongCardinality());
                    }
                }
            });
        }
        return new ArrayList<>(bySource.values());
    }
}
