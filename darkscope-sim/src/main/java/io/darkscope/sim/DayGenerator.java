package io.darkscope.sim;

import io.darkscope.capture.CaptureWriter;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.darknet.Prefix;
import io.darkscope.sim.model.Probe;
import io.darkscope.sim.model.Source;
import io.darkscope.sim.model.ToolModel;
import io.darkscope.sim.scenario.Actor;
import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static io.darkscope.sim.AddressSpace.mix;

/**
 * Generates one day of a scenario in time order: decides which sources of each actor are
 * active, how many probes each sends and when, then crafts every packet with its tool's model
 * and writes it, while the day's truth counts what was sent.
 */
final class DayGenerator {
    /** Probe times are drawn in units of 10 microseconds; the rest of the nanoseconds at random. */
    private static final long TICK_NANOS = 10_000;
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

    DayGenerator(List<Actor> actors, List<ToolModel> models, List<Destinations> destinations, Prefix ipv6Darknet,
                 AddressSpace space, ZoneId zone, double scale, long seed) {
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
    }

    /** Writes the day's packets, recording each in {@code truth}. */
    void generate(LocalDate day, CaptureWriter out, DayTruth truth) throws IOException {
        SplittableRandom random = new SplittableRandom(mix(seed ^ mix(day.toEpochDay())));
        long start = day.atStartOfDay(zone).toEpochSecond();
        long ticks = (day.plusDays(1).atStartOfDay(zone).toEpochSecond() - start) * (1_000_000_000L / TICK_NANOS);
        Source[][] sources = new Source[actors.size()][];
        LongArrayList plan = new LongArrayList();
        for (int a = 0; a < actors.size(); a++) {
            Actor actor = actors.get(a);
            int active = stochasticRound(actor.sources().on(day, random) * (actor.unscaled() ? 1 : scale), random);
            if (active >= 1 << SOURCE_BITS) {
                throw new IllegalArgumentException("actor '" + actor.name() + "' has " + active + " sources on " + day
                        + "; at most " + ((1 << SOURCE_BITS) - 1) + " a day: lower --scale");
            }
            sources[a] = new Source[active];
            long window = actor.activeMinutes() > 0 ? Math.min(ticks, actor.activeMinutes() * 60L * (1_000_000_000L / TICK_NANOS)) : ticks;
            for (int i = 0; i < active; i++) {
                sources[a][i] = source(a, i, day.toEpochDay());
                long opens = window == ticks ? 0 : random.nextLong(ticks - window + 1);
                for (int n = actor.probes().draw(random); n > 0; n--) {
                    plan.add((opens + random.nextLong(window)) << (ACTOR_BITS + SOURCE_BITS) | (long) a << SOURCE_BITS | i);
                }
            }
        }
        long[] order = timeOrder(plan.elements(), plan.size());
        emit(order, plan.size(), sources, start, random, out, truth);
    }

    private void emit(long[] order, int n, Source[][] sources, long start, SplittableRandom random, CaptureWriter out,
                      DayTruth truth) throws IOException {
        FrameBuilder frame = new FrameBuilder();
        Probe probe = new Probe();
        byte[] buffer = new byte[2048];
        DayTruth.Tool[] tools = new DayTruth.Tool[actors.size()];
        for (int a = 0; a < tools.length; a++) {
            tools[a] = truth.tool(models.get(a).name());
        }
        long startNanos = start * 1_000_000_000L;
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
                destination = destinations.get(a).pick(random);
                frame.ipv4(s.address, destination);
            }
            model.probe(s, destination, random, actors.get(a).ports(), frame, probe);
            int length = frame.build(buffer);
            long nanos = startNanos + (entry >>> (ACTOR_BITS + SOURCE_BITS)) * TICK_NANOS + random.nextLong(TICK_NANOS);
            out.write(nanos, buffer, 0, length, length);
            truth.record(s, probe, tools[a]);
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

    /** The bits below a prefix of {@code length} within one 64-bit half. */
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
        s.country = actor.prefix() != null ? actor.prefixCountry() : country(actor, id);
        if (models.get(a).ipv6()) {
            s.ipv6 = true;
            s.ipv6High = 0x2a0b4d0700000000L | (addressHash >>> 32);
            s.ipv6Low = mix(addressHash);
        } else if (actor.prefix() != null) {
            long size = actor.prefix().lastIpv4() - actor.prefix().firstIpv4() + 1;
            s.address = (int) (actor.prefix().firstIpv4() + Long.remainderUnsigned(addressHash, size));
        } else {
            s.address = space.pick(actor.asn() != null ? actor.asn() : s.country, addressHash);
            if (actor.asn() != null || s.country.equals("*")) {
                s.country = space.countryOf(s.address);
            }
        }
        models.get(a).start(s, new SplittableRandom(addressHash), actor.ports());
        return s;
    }

    private static String country(Actor actor, long id) {
        double total = Arrays.stream(actor.countryWeights()).sum();
        double u = (id >>> 11) * 0x1.0p-53 * total;
        for (int c = 0; c < actor.countryWeights().length; c++) {
            u -= actor.countryWeights()[c];
            if (u < 0) {
                return actor.countryCodes().get(c);
            }
        }
        return actor.countryCodes().get(actor.countryCodes().size() - 1);
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
            long r = random.nextLong(cumulative[cumulative.length - 1]);
            int i = Arrays.binarySearch(cumulative, r + 1);
            i = i < 0 ? -i - 1 : i;
            long before = i == 0 ? 0 : cumulative[i - 1];
            return (int) (starts[i] + (r - before));
        }
    }
}
