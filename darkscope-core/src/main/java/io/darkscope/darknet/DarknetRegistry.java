package io.darkscope.darknet;

import io.darkscope.decode.PacketView;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monitored address space: prefixes, each valid from one day to another (both inclusive,
 * either open). A telescope grows and shrinks over the years, so whether a destination is
 * darknet depends on the day, and so does the number of addresses that normalises packet counts.
 */
public final class DarknetRegistry {
    /** One monitored prefix and the days it was monitored; null bounds are open. */
    public record Entry(Prefix prefix, LocalDate from, LocalDate to) {
        public Entry {
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException(prefix + ": 'to' " + to + " is before 'from' " + from);
            }
        }

        boolean validOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        }
    }

    private final List<Entry> entries;
    private final Map<LocalDate, Filter> filters = new ConcurrentHashMap<>();

    public DarknetRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Every prefix always monitored. */
    public static DarknetRegistry ofPrefixes(List<Prefix> prefixes) {
        return new DarknetRegistry(prefixes.stream().map(p -> new Entry(p, null, null)).toList());
    }

    /**
     * Reads a plain list of CIDRs, one a line; '#' starts a comment.
     *
     * @throws IllegalArgumentException naming the file and line of a bad entry
     */
    public static DarknetRegistry readCidrList(Path file) throws IOException {
        List<Prefix> prefixes = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                prefixes.add(Prefix.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prefixes in the darknet list");
        }
        return ofPrefixes(prefixes);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The prefixes monitored on a day, ready for per-packet tests. */
    public Filter on(LocalDate day) {
        return filters.computeIfAbsent(day, d -> new Filter(entries.stream().filter(e -> e.validOn(d)).map(Entry::prefix).toList()));
    }

    /** Number of IPv4 addresses monitored on a day (overlapping prefixes count once). */
    public long ipv4Addresses(LocalDate day) {
        return on(day).ipv4Addresses();
    }

    /** The monitored prefixes of one day. Thread-safe and allocation-free to query. */
    public static final class Filter {
        private static final int LINEAR_SEARCH = 8;
        private final long[] starts;
        private final long[] ends;
        private final Prefix[] ipv6;

        Filter(List<Prefix> prefixes) {
            List<long[]> ranges = new ArrayList<>();
            List<Prefix> v6 = new ArrayList<>();
            for (Prefix p : prefixes) {
                if (p.version() == 4) {
                    ranges.add(new long[] {p.firstIpv4(), p.lastIpv4()});
                } else {
                    v6.add(p);
                }
            }
            ranges.sort(Comparator.comparingLong(r -> r[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] r : ranges) {
                long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && r[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged.add(r.clone());
                }
            }
            starts = merged.stream().mapToLong(r -> r[0]).toArray();
            ends = merged.stream().mapToLong(r -> r[1]).toArray();
            ipv6 = v6.toArray(new Prefix[0]);
        }

        /** Whether the packet's destination is monitored. */
        public boolean contains(PacketView p) {
            return p.isIpv4() ? containsIpv4(p.dst4()) : containsIpv6(p.dstHi(), p.dstLo());
        }

        public boolean containsIpv4(int address) {
            long a = address & 0xffffffffL;
            if (starts.length <= LINEAR_SEARCH) { // a telescope has a few prefixes: a scan beats the search's branches
                for (int i = 0; i < starts.length; i++) {
                    if (a >= starts[i] && a <= ends[i]) {
                        return true;
                    }
                }
                return false;
            }
            int i = Arrays.binarySearch(starts, a);
            if (i >= 0) {
                return true;
            }
            int before = -i - 2;
            return before >= 0 && a <= ends[before];
        }

        public boolean containsIpv6(long high, long low) {
            for (Prefix p : ipv6) {
                if (p.containsIpv6(high, low)) {
                    return true;
                }
            }
            return false;
        }

        public long ipv4Addresses() {
            long n = 0;
            for (int i = 0; i < starts.length; i++) {
                n += ends[i] - starts[i] + 1;
            }
            return n;
        }
    }
}
