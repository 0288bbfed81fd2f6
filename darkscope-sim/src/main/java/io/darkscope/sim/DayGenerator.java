package io.darkscope.sim;

import io.darkscope.capture.CaptureWriter;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.darknet.Prefix;
import io.darkscope.decode.IpProtocol;
import io.darkscope.sim.model.PortChoice;
import io.darkscope.sim.model.Probe;
import io.darkscope.sim.model.Source;
import io.darkscope.sim.model.ToolModel;
import io.darkscope.sim.scenario.Actor;
import io.darkscope.sim.scenario.Attack;
import io.darkscope.sim.scenario.Network;
import io.darkscope.sim.scenario.Session;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.darkscope.sim.AddressSpace.mix;

/**
 * Generates one day of a scenario in time order: decides which sources of each actor are
 * active, how many probes each sends and when, then crafts every packet with its tool's model
 * and writes it, while the day's truth counts what was sent.
 *
 * <p>Attacks and scan sessions are episodes with a start, a duration and a number of packets
 * whose k-th packet has a time of its own, so that one that runs past midnight is cut exactly
 * between the days, each day generating its part (days are generated independently).
 */
final class DayGenerator {
    /** Probe times are drawn in units of 10 microseconds; the rest of the nanoseconds at random. */
    private static final long TICK_NANOS = 10_000;
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final int SOURCE_BITS = 21;
    private static final int ACTOR_BITS = 6;

    private final List<Actor> actors;
    private final List<ToolModel> models;
    private final List<Destinations> destinations;
    private final Prefix ipv6Darknet;
    private final AddressSpace space;
    private final ZoneId zone;
    private final double scale;
    private final long seed;
    private final long largeThreshold;
    private final List<SessionPlan> sessions = new ArrayList<>();
    private final String[] surveyNames;

    /**
     * A scan session, resolved: its source, its window in epoch nanoseconds, and the walk
     * through {@code count} of the tool's {@code size} darknet destinations.
     */
    record SessionPlan(int id, int actor, Session session, int address, String country, long startNanos, long durationNanos,
                       PortChoice port, long offset, long stride, long size) {
        int destination(Destinations d, long j) {
            return d.at((offset + (j % session.destinations()) * stride) % size);
        }
    }

    /** An attack or a session: {@code packets} packets over [t0, t0 + duration), the k-th at a time of its own. */
    private record Episode(long id, long t0, long duration, long packets, boolean jitter) {
        long time(long k) {
            double u = jitter ? (mix(id + k * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53 : 0;
            return t0 + (long) ((k + u) * ((double) duration / packets));
        }

        /** The first packet at or after {@code t}; {@code packets} when none. */
        long firstFrom(long t) {
            long lo = 0;
            long hi = packets;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (time(mid) < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    DayGenerator(List<Actor> actors, List<ToolModel> models, List<Destinations> destinations, Prefix ipv6Darknet,
                 AddressSpace space, ZoneId zone, double scale, long seed, long largeThreshold) {
        if (actors.size() > 1 << ACTOR_BITS) {
            throw new IllegalArgumentException("at most " + (1 << ACTOR_BITS) + " actors");
        }
        this.actors = actors;
        this.models = models;
        this.destinations = destinations;
        this.ipv6Darknet = ipv6Darknet;
        this.space = space;
        this.zone = zone;
        this.scale = scale;
        this.seed = seed;
        this.largeThreshold = largeThreshold;
        this.surveyNames = new String[actors.size()];
        Set<String> pairs = new HashSet<>();
        for (int a = 0; a < actors.size(); a++) {
            Actor actor = actors.get(a);
            surveyNames[a] = actor.survey() == null ? null : actor.survey().scanner();
            if (actor.survey() != null && models.get(a).ipv6()) {
                throw new IllegalArgumentException("actor '" + actor.name() + "': survey scanners scan IPv4");
            }
            if (actor.sessions() == null) {
                continue;
            }
            if (models.get(a).ipv6()) {
                throw new IllegalArgumentException("actor '" + actor.name() + "': sessions scan IPv4");
            }
            Destinations d = destinations.get(a);
            for (int i = 0; i < actor.sessions().size(); i++) {
                sessions.add(plan(sessions.size(), a, i, d));
                SessionPlan p = sessions.get(sessions.size() - 1);
                if (!pairs.add(p.address() + " " + p.session().port())) {
                    throw new IllegalArgumentException("actor '" + actor.name() + "': two sessions from one source to "
                            + p.session().port() + ": give them other sources or ports");
                }
            }
        }
    }

    private SessionPlan plan(int id, int a, int index, Destinations d) {
        Actor actor = actors.get(a);
        Session session = actor.sessions().get(index);
        if (session.destinations() > d.total()) {
            throw new IllegalArgumentException("actor '" + actor.name() + "': a session cannot reach " + session.destinations()
                    + " destinations in a darknet of " + d.total() + " addresses");
        }
        if (d.total() >= 1L << 31) {
            throw new IllegalArgumentException("sessions need a darknet of fewer than 2^31 IPv4 addresses");
        }
        long h = mix(seed ^ mix(((long) a << 32) | index) ^ 0x5E5510A5L);
        int address;
        String country;
        if (session.source() != null) {
            address = (int) Prefix.parse(session.source() + "/32").firstIpv4();
            country = space.countryOf(address);
        } else {
            Source s = new Source();
            place(s, actor, h, mix(h));
            address = s.address;
            country = s.country;
        }
        long size = d.total();
        long stride = 1 + Long.remainderUnsigned(mix(h + 1), size - 1 > 0 ? size - 1 : 1);
        while (gcd(stride, size) != 1) {
            stride = stride % size + 1;
        }
        long start = session.start().atZone(zone).toEpochSecond() * 1_000_000_000L;
        String[] port = session.port().split("/");
        PortChoice choice = new PortChoice(new int[] {Integer.parseInt(port[0])}, new int[] {IpProtocol.parse(port[1])}, new double[] {1});
        return new SessionPlan(id, a, session, address, country, start, session.seconds() * 1_000_000_000L, choice,
                Long.remainderUnsigned(mix(h + 2), size), stride, size);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The scan sessions, by their ids. */
    List<SessionPlan> sessions() {
        return sessions;
    }

    /** Writes the day's packets, recording each in {@code truth}. */
    void generate(LocalDate day, CaptureWriter out, DayTruth truth) throws IOException {
        SplittableRandom random = new SplittableRandom(mix(seed ^ mix(day.toEpochDay())));
        long start = day.atStartOfDay(zone).toEpochSecond();
        long startNanos = start * 1_000_000_000L;
        long endNanos = day.plusDays(1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
        long ticks = (endNanos - startNanos) / TICK_NANOS;
        Source[][] sources = new Source[actors.size()][];
        LongArrayList plan = new LongArrayList();
        Int2LongOpenHashMap perAddress = new Int2LongOpenHashMap();
        long most = 0;
        for (int a = 0; a < actors.size(); a++) {
            Actor actor = actors.get(a);
            if (actor.sessions() != null || actor.attack() != null) {
                List<Source> running = new ArrayList<>();
                for (Episode e : episodes(a, day.toEpochDay())) {
                    long from = e.firstFrom(startNanos);
                    long to = e.firstFrom(endNanos);
                    if (from >= to) {
                        continue;
                    }
                    Source s = actor.sessions() != null ? sessionSource(sessions.get((int) e.id())) : attackSource(a, e.id());
                    s.sent = from;
                    models.get(a).resume(s, from);
                    int index = running.size();
                    checkSources(actor, index, day);
                    running.add(s);
                    for (long k = from; k < to; k++) {
                        long tick = (e.time(k) - startNanos) / TICK_NANOS;
                        plan.add(tick << (ACTOR_BITS + SOURCE_BITS) | (long) a << SOURCE_BITS | index);
                    }
                    most = Math.max(most, perAddress.addTo(s.address, to - from) + to - from);
                }
                sources[a] = running.toArray(Source[]::new);
                continue;
            }
            int active = stochasticRound(actor.sources().on(day, random) * actor.scale(scale), random);
            if (actor.survey() != null) {
                active = Math.min(active, actor.survey().addresses());
            }
            checkSources(actor, active - 1, day);
            sources[a] = new Source[active];
            long window = actor.activeMinutes() > 0 ? Math.min(ticks, actor.activeMinutes() * 60L * (1_000_000_000L / TICK_NANOS)) : ticks;
            int rotation = actor.survey() == null ? 0
                    : (int) Long.remainderUnsigned(mix(seed ^ mix(day.toEpochDay()) ^ a), actor.survey().addresses());
            for (int i = 0; i < active; i++) {
                Source s = actor.survey() != null ? surveySource(a, (i + rotation) % actor.survey().addresses()) : source(a, i, day.toEpochDay());
                sources[a][i] = s;
                long opens = window == ticks ? 0 : random.nextLong(ticks - window + 1);
                int n = actor.probes().draw(random);
                for (int p = n; p > 0; p--) {
                    plan.add((opens + random.nextLong(window)) << (ACTOR_BITS + SOURCE_BITS) | (long) a << SOURCE_BITS | i);
                }
                if (!s.ipv6) {
                    most = Math.max(most, perAddress.addTo(s.address, n) + n);
                }
            }
        }
        if (most >= largeThreshold) {
            markHourly(sources, perAddress);
        }
        long[] order = timeOrder(plan.elements(), plan.size());
        emit(order, plan.size(), sources, startNanos, random, out, truth);
    }

    private static void checkSources(Actor actor, int index, LocalDate day) {
        if (index >= (1 << SOURCE_BITS) - 1) {
            throw new IllegalArgumentException("actor '" + actor.name() + "' has " + (index + 1) + " sources on " + day
                    + "; at most " + ((1 << SOURCE_BITS) - 1) + " a day: lower --scale");
        }
    }

    /** Sources whose address sends enough packets today to reach the large-scanner threshold in some hour: followed hour by hour. */
    private void markHourly(Source[][] sources, Int2LongOpenHashMap perAddress) {
        IntOpenHashSet candidates = new IntOpenHashSet();
        perAddress.int2LongEntrySet().forEach(e -> {
            if (e.getLongValue() >= largeThreshold) {
                candidates.add(e.getIntKey());
            }
        });
        for (Source[] actor : sources) {
            for (Source s : actor) {
                s.hourly = !s.ipv6 && candidates.contains(s.address);
            }
        }
    }

    /** The attacks or sessions of an actor that may send on a day: those that started on it or on the days before that may reach it. */
    private List<Episode> episodes(int a, long epochDay) {
        List<Episode> list = new ArrayList<>();
        Actor actor = actors.get(a);
        if (actor.sessions() != null) {
            for (SessionPlan p : sessions) {
                if (p.actor() == a) {
                    list.add(new Episode(p.id(), p.startNanos(), p.durationNanos(), p.session().packets(), false));
                }
            }
            return list;
        }
        Attack attack = actor.attack();
        for (long d = epochDay - attack.lookbackDays(); d <= epochDay; d++) {
            LocalDate day = LocalDate.ofEpochDay(d);
            SplittableRandom r = new SplittableRandom(mix(seed ^ mix(d) ^ mix(0xA77AC4L + a)));
            long from = day.atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
            long length = day.plusDays(1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L - from;
            int count = stochasticRound(actor.sources().on(day, r) * actor.scale(scale), r);
            for (int i = 0; i < count; i++) {
                long t0 = from + r.nextLong(length / TICK_NANOS) * TICK_NANOS;
                long seconds = attack.drawSeconds(r);
                double rate = attack.drawRate(r);
                long packets = Math.max(1, Math.round(rate * seconds));
                long id = mix(seed ^ mix(((long) a << 32) | i) ^ mix(d * 0x9E3779B97F4A7C15L));
                list.add(new Episode(id, t0, seconds * 1_000_000_000L, packets, true));
            }
        }
        return list;
    }

    private void emit(long[] order, int n, Source[][] sources, long startNanos, SplittableRandom random, CaptureWriter out,
                      DayTruth truth) throws IOException {
        FrameBuilder frame = new FrameBuilder();
        Probe probe = new Probe();
        byte[] buffer = new byte[2048];
        DayTruth.Tool[] tools = new DayTruth.Tool[actors.size()];
        DayTruth.Tool[] byActor = new DayTruth.Tool[actors.size()];
        DayTruth.Tool[] surveys = new DayTruth.Tool[actors.size()];
        for (int a = 0; a < tools.length; a++) {
            tools[a] = truth.tool(models.get(a).name());
            byActor[a] = truth.actor(actors.get(a).name());
            surveys[a] = surveyNames[a] == null ? null : truth.survey(surveyNames[a]);
        }
        Source land = new Source();
        for (int k = 0; k < n; k++) {
            long entry = order[k];
            int a = (int) (entry >>> SOURCE_BITS) & ((1 << ACTOR_BITS) - 1);
            Source s = sources[a][(int) entry & ((1 << SOURCE_BITS) - 1)];
            ToolModel model = models.get(a);
            frame.reset();
            int destination = 0;
            if (model.ipv6()) {
                frame.ipv6(s.ipv6High, s.ipv6Low, ipv6Darknet.high() | (random.nextLong() & ipv6Darknet.hostMaskHigh()),
                        ipv6Darknet.low() | (random.nextLong() & ipv6Darknet.hostMaskLow()));
            } else {
                destination = s.session >= 0 ? sessions.get(s.session).destination(destinations.get(a), s.sent++)
                        : destinations.get(a).pick(random);
                frame.ipv4(s.address, destination);
            }
            probe.sourceIsDestination = false;
            model.probe(s, destination, random, s.choice, frame, probe);
            int length = frame.build(buffer);
            long nanos = startNanos + (entry >>> (ACTOR_BITS + SOURCE_BITS)) * TICK_NANOS + random.nextLong(TICK_NANOS);
            out.write(nanos, buffer, 0, length, length);
            if (probe.sourceIsDestination) {
                land.address = destination;
                land.country = s.country;
                land.lastKey = -1;
                land.previousKey = -1;
                truth.record(land, probe, tools[a], byActor[a], surveys[a]);
            } else {
                truth.record(s, probe, tools[a], byActor[a], surveys[a]);
            }
            if (!model.ipv6()) {
                truth.inspect(buffer);
                if (s.hourly && !probe.sourceIsDestination) {
                    truth.hour(s.address, destination, (int) ((nanos - startNanos) / HOUR_NANOS));
                }
                if (s.session >= 0) {
                    truth.scan(s.session, s.address, destination, nanos);
                }
            }
        }
    }

    /**
     * Sorts the plan by time: a counting sort on the second of the day, then each second's few
     * entries by insertion. Linear, where a general sort of a day's plan was a third of the work.
     */
    private static long[] timeOrder(long[] plan, int n) {
        int shift = ACTOR_BITS + SOURCE_BITS + 17; // 2^17 ticks of 10 µs: about 1.3 s a bucket
        int buckets = (int) (Arrays.stream(plan, 0, n).max().orElse(0) >>> shift) + 2;
        int[] start = new int[buckets];
        for (int i = 0; i < n; i++) {
            start[(int) (plan[i] >>> shift) + 1]++;
        }
        for (int b = 1; b < buckets; b++) {
            start[b] += start[b - 1];
        }
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[start[(int) (plan[i] >>> shift)]++] = plan[i];
        }
        for (int i = 1; i < n; i++) {
            long v = sorted[i];
            int j = i - 1;
            while (j >= 0 && sorted[j] > v) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = v;
        }
        return sorted;
    }

    /**
     * Source {@code i} of actor {@code a} on a day. Its country and churn phase are fixed; its
     * address, and what its tool keeps constant, last {@code churn_days} days, then change.
     */
    private Source source(int a, int i, long epochDay) {
        Actor actor = actors.get(a);
        long id = mix(seed ^ mix(((long) a << 32) | i));
        long phase = Long.remainderUnsigned(id, actor.churnDays());
        long epoch = Math.floorDiv(epochDay + phase, actor.churnDays());
        long addressHash = mix(id ^ mix(epoch));
        Source s = new Source();
        if (models.get(a).ipv6()) {
            s.country = actor.prefix() != null ? actor.prefixCountry() : country(actor, id);
            s.ipv6 = true;
            s.ipv6High = 0x2a0b4d0700000000L | (addressHash >>> 32);
            s.ipv6Low = mix(addressHash);
        } else {
            place(s, actor, id, addressHash);
        }
        s.choice = actor.ports();
        models.get(a).start(s, new SplittableRandom(addressHash), actor.ports());
        return s;
    }

    /** The victim of an attack, the same on every day the attack runs. */
    private Source attackSource(int a, long id) {
        Actor actor = actors.get(a);
        Source s = new Source();
        long addressHash = mix(id ^ 0xD05L);
        place(s, actor, id, addressHash);
        s.choice = actor.ports();
        models.get(a).start(s, new SplittableRandom(addressHash), actor.ports());
        return s;
    }

    private Source sessionSource(SessionPlan p) {
        Source s = new Source();
        s.address = p.address();
        s.country = p.country();
        s.session = p.id();
        s.choice = p.port();
        models.get(p.actor()).start(s, new SplittableRandom(mix(seed ^ p.id() ^ 0x5E55L)), p.port());
        return s;
    }

    /** Address {@code j} of a survey scanner's fixed set: spread over its prefix, clear of its first and last address when it can. */
    private Source surveySource(int a, int j) {
        Actor actor = actors.get(a);
        Source s = new Source();
        s.address = surveyAddress(actor, j);
        s.country = actor.prefixCountry();
        s.choice = actor.ports();
        models.get(a).start(s, new SplittableRandom(mix(seed ^ mix(((long) a << 32) | j))), actor.ports());
        return s;
    }

    /** The {@code j}-th address of a survey actor's fixed set. */
    static int surveyAddress(Actor actor, int j) {
        long first = actor.prefix().firstIpv4();
        long size = actor.prefix().lastIpv4() - first + 1;
        int n = actor.survey().addresses();
        return (int) (size > n + 1 ? first + 1 + j * ((size - 2) / n) : first + j);
    }

    /** Sets a source's country and IPv4 address as its actor draws them. */
    private void place(Source s, Actor actor, long id, long addressHash) {
        s.country = actor.prefix() != null ? actor.prefixCountry() : country(actor, id);
        if (actor.prefix() != null) {
            long size = actor.prefix().lastIpv4() - actor.prefix().firstIpv4() + 1;
            s.address = (int) (actor.prefix().firstIpv4() + Long.remainderUnsigned(addressHash, size));
        } else {
            s.address = space.pick(actor.asn() != null ? actor.asn() : s.country, network(actor, id), addressHash);
            if (actor.asn() != null || s.country.equals("*")) {
                s.country = space.countryOf(s.address);
            }
        }
    }

    private static String country(Actor actor, long id) {
        double u = (id >>> 11) * 0x1.0p-53 * sum(actor.countryWeights());
        for (int c = 0; c < actor.countryWeights().length; c++) {
            u -= actor.countryWeights()[c];
            if (u < 0) {
                return actor.countryCodes().get(c);
            }
        }
        return actor.countryCodes().get(actor.countryCodes().size() - 1);
    }

    private static Network network(Actor actor, long id) {
        double[] weights = actor.networkWeights();
        if (weights.length == 1) {
            return actor.networks().get(0);
        }
        double u = (mix(id ^ 0x4E4554L) >>> 11) * 0x1.0p-53 * sum(weights);
        for (int c = 0; c < weights.length; c++) {
            u -= weights[c];
            if (u < 0) {
                return actor.networks().get(c);
            }
        }
        return actor.networks().get(weights.length - 1);
    }

    private static double sum(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        return total;
    }

    private static int stochasticRound(double x, SplittableRandom random) {
        if (x <= 0) {
            return 0;
        }
        double floor = Math.floor(x);
        return (int) floor + (random.nextDouble() < x - floor ? 1 : 0);
    }

    /** The darknet addresses one tool sends to, for uniform picks. */
    static final class Destinations {
        private final long[] starts;
        private final long[] cumulative;

        /** The IPv4 addresses of {@code darknet} that {@code model} targets, in /16 blocks. */
        Destinations(List<Prefix> darknet, ToolModel model) {
            LongArrayList s = new LongArrayList();
            LongArrayList c = new LongArrayList();
            long total = 0;
            for (Prefix p : darknet) {
                if (p.version() != 4) {
                    continue;
                }
                for (long block = p.firstIpv4(); block <= p.lastIpv4(); block = (block | 0xffff) + 1) {
                    long end = Math.min(p.lastIpv4(), block | 0xffff);
                    if (model.targets((int) block)) {
                        s.add(block);
                        total += end - block + 1;
                        c.add(total);
                    }
                }
            }
            if (total == 0) {
                throw new IllegalArgumentException("tool '" + model.name() + "' never sends to any address of the darknet");
            }
            starts = s.toLongArray();
            cumulative = c.toLongArray();
        }

        int pick(SplittableRandom random) {
            return at(random.nextLong(cumulative[cumulative.length - 1]));
        }

        /** How many addresses the tool sends to. */
        long total() {
            return cumulative[cumulative.length - 1];
        }

        /** The {@code r}-th of them, in address order. */
        int at(long r) {
            int i = Arrays.binarySearch(cumulative, r + 1);
            i = i < 0 ? -i - 1 : i;
            long before = i == 0 ? 0 : cumulative[i - 1];
            return (int) (starts[i] + (r - before));
        }
    }
}
