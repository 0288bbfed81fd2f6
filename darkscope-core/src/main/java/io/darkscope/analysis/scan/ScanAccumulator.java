package io.darkscope.analysis.scan;

import io.darkscope.analysis.Accumulator;
import io.darkscope.analysis.BufferGrowth;
import io.darkscope.decode.PacketView;
import io.darkscope.pipeline.Day;
import io.darkscope.pipeline.PacketTags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker's activity. Each IPv4 packet writes a key (day, type code, source), a value (second
 * of the day, SYN signature number, IP length) and its destination into three arrays. A full
 * buffer is sorted by source alone (four radix passes carrying the other two arrays), then each
 * source's few entries by day, code, signature and second, and folded into records, one run a day.
 */
final class ScanAccumulator implements Accumulator<DayScans> {
    /** Days a buffer may hold at once: three bits of the fold's sort key. */
    private static final int MAX_DAYS = 8;
    private static final int DAY_SHIFT = 51;
    private static final int SMALL_GROUP = 16;

    private final int limit;
    private long[] keys;
    private long[] values;
    private int[] destinations;
    private long[] keyScratch;
    private long[] valueScratch;
    private int[] destinationScratch;
    private final int[] counts = new int[256];
    private int count;
    private final List<Day> days = new ArrayList<>();
    private final Map<Day, DayScans> states = new TreeMap<>();
    private final SignatureIds signatures = new SignatureIds();
    private Day currentDay;
    private long currentDayBits;
    private long[] sortKeys = new long[SMALL_GROUP];
    private int[] order = new int[SMALL_GROUP];
    private int[] sortedDestinations = new int[SMALL_GROUP];
    private final ScanRecord record = new ScanRecord();

    /** @param limit packets the buffer grows to */
    ScanAccumulator(int limit) {
        this.limit = limit;
        releaseBuffers();
    }

    /** Buffers of the first size, scratch arrays none: after a drain the commit needs the room. */
    private void releaseBuffers() {
        int initial = BufferGrowth.initial(limit);
        keys = new long[initial];
        values = new long[initial];
        destinations = new int[initial];
        keyScratch = new long[0];
        valueScratch = new long[0];
        destinationScratch = new int[0];
    }

    @Override
    public void accept(PacketView p, PacketTags tags) {
        if (!p.isIpv4()) {
            return;
        }
        if (count == keys.length) {
            growOrFold();
        }
        if (tags.day() != currentDay) {
            switchTo(tags.day());
        }
        int code = ScanType.code(p, tags.trafficClass());
        int signature = ScanType.of(code) == ScanType.SYN ? signatures.id(SynSignature.fields(p), SynSignature.kinds(p)) : 0;
        long second = p.epochSecond() - currentDay.startEpochSecond();
        keys[count] = currentDayBits | (long) code << 32 | (p.src4() & 0xffffffffL);
        values[count] = second << 40 | (long) signature << 16 | p.ipLength() & 0xffff;
        destinations[count++] = p.dst4();
    }

    private void growOrFold() {
        if (keys.length < limit) {
            int length = BufferGrowth.grown(keys.length, limit);
            keys = Arrays.copyOf(keys, length);
            values = Arrays.copyOf(values, length);
            destinations = Arrays.copyOf(destinations, length);
        } else {
            fold();
        }
    }

    private void switchTo(Day day) {
        int index = days.indexOf(day);
        if (index < 0) {
            if (days.size() == MAX_DAYS) {
                fold();
            }
            days.add(day);
            index = days.size() - 1;
        }
        currentDay = day;
        currentDayBits = (long) index << DAY_SHIFT;
    }

    /** Folds the buffer into one run per day. */
    private void fold() {
        sortBySource();
        int[] ranks = signatures.ranks();
        @SuppressWarnings("unchecked")
        RecordWriter<RuntimeException>[] writers = new RecordWriter[days.size()];
        List<List<Chunk>> runs = new ArrayList<>();
        for (int i = 0; i < count; ) {
            int end = i + 1;
            while (end < count && (int) keys[end] == (int) keys[i]) {
                end++;
            }
            foldSource(i, end, ranks, writers, runs);
            i = end;
        }
        for (int d = 0; d < writers.length; d++) {
            if (writers[d] != null) {
                writers[d].finish();
                states.computeIfAbsent(days.get(d), DayScans::new).addRun(runs.get(d));
            }
        }
        count = 0;
        days.clear();
        currentDay = null;
        signatures.clear();
    }

    /** Sorts the buffer by source, unsigned, a byte a pass, carrying values and destinations. */
    private void sortBySource() {
        if (keyScratch.length < count) {
            keyScratch = new long[keys.length];
            valueScratch = new long[keys.length];
            destinationScratch = new int[keys.length];
        }
        long[] k = keys;
        long[] v = values;
        int[] d = destinations;
        long[] k2 = keyScratch;
        long[] v2 = valueScratch;
        int[] d2 = destinationScratch;
        for (int shift = 0; shift < 32; shift += 8) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < count; i++) {
                counts[(int) (k[i] >>> shift) & 0xff]++;
            }
            if (counts[(int) (k[0] >>> shift) & 0xff] == count) {
                continue;
            }
            for (int b = 0, sum = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < count; i++) {
                int to = counts[(int) (k[i] >>> shift) & 0xff]++;
                k2[to] = k[i];
                v2[to] = v[i];
                d2[to] = d[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            long[] tv = v;
            v = v2;
            v2 = tv;
            int[] td = d;
            d = d2;
            d2 = td;
        }
        if (k != keys) {
            System.arraycopy(k, 0, keys, 0, count);
            System.arraycopy(v, 0, values, 0, count);
            System.arraycopy(d, 0, destinations, 0, count);
        }
    }

    /** Orders one source's entries by day, code, signature rank and second, and writes its records. */
    private void foldSource(int from, int to, int[] ranks, RecordWriter<RuntimeException>[] writers, List<List<Chunk>> runs) {
        int n = to - from;
        if (sortKeys.length < n) {
            sortKeys = new long[Math.max(n, sortKeys.length * 2)];
            order = new int[sortKeys.length];
        }
        for (int i = 0; i < n; i++) {
            long key = keys[from + i];
            long value = values[from + i];
            int signature = (int) (value >>> 16) & 0xffffff;
            sortKeys[i] = (key >>> DAY_SHIFT) << 60 | (key >>> 32 & 0x7ffff) << 41 | (long) ranks[signature] << 17 | value >>> 40;
            order[i] = from + i;
        }
        sortGroup(n);
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || recordOf(sortKeys[i]) != recordOf(sortKeys[start])) {
                writeRecord(start, i, writers, runs);
                start = i;
            }
        }
    }

    /** The record an entry's sort key falls in: day, code, signature and bucket. */
    private static long recordOf(long sortKey) {
        return (sortKey >>> 17) << 8 | (sortKey & 0x1ffff) / ScanRecord.BUCKET_SECONDS;
    }

    private void sortGroup(int n) {
        if (n <= SMALL_GROUP) {
            for (int i = 1; i < n; i++) {
                long key = sortKeys[i];
                int entry = order[i];
                int j = i - 1;
                for (; j >= 0 && sortKeys[j] > key; j--) {
                    sortKeys[j + 1] = sortKeys[j];
                    order[j + 1] = order[j];
                }
                sortKeys[j + 1] = key;
                order[j + 1] = entry;
            }
            return;
        }
        long[] k = sortKeys;
        int[] o = order;
        it.unimi.dsi.fastutil.Arrays.quickSort(0, n, (a, b) -> Long.compare(k[a], k[b]), (a, b) -> {
            long tk = k[a];
            k[a] = k[b];
            k[b] = tk;
            int to = o[a];
            o[a] = o[b];
            o[b] = to;
        });
    }

    /** Writes the record of the sorted entries {@code [from, to)}, all of one day, code, signature and bucket. */
    private void writeRecord(int from, int to, RecordWriter<RuntimeException>[] writers, List<List<Chunk>> runs) {
        long sortKey = sortKeys[from];
        int day = (int) (sortKey >>> 60);
        int entry = order[from];
        int signature = (int) (values[entry] >>> 16) & 0xffffff;
        ScanRecord r = record;
        r.source = (int) keys[entry];
        r.code = (int) (keys[entry] >>> 32) & 0x7ffff;
        r.sigFields = signature == 0 ? 0 : signatures.fields(signature);
        r.sigKinds = signature == 0 ? 0 : signatures.kinds(signature);
        r.bucket = (int) (sortKey & 0x1ffff) / ScanRecord.BUCKET_SECONDS;
        r.packets = to - from;
        r.bytes = 0;
        r.first = (int) (sortKey & 0x1ffff) % ScanRecord.BUCKET_SECONDS;
        r.last = (int) (sortKeys[to - 1] & 0x1ffff) % ScanRecord.BUCKET_SECONDS;
        if (sortedDestinations.length < to - from) {
            sortedDestinations = new int[Math.max(to - from, sortedDestinations.length * 2)];
        }
        for (int i = from; i < to; i++) {
            r.bytes += values[order[i]] & 0xffff;
            sortedDestinations[i - from] = destinations[order[i]] ^ Integer.MIN_VALUE; // signed order of flipped values is unsigned order
        }
        Arrays.sort(sortedDestinations, 0, to - from);
        r.destinationCount = 0;
        r.ensure(to - from);
        for (int i = 0; i < to - from; i++) {
            int d = sortedDestinations[i] ^ Integer.MIN_VALUE;
            if (r.destinationCount == 0 || r.destinations[r.destinationCount - 1] != d) {
                r.destinations[r.destinationCount++] = d;
            }
        }
        if (writers[day] == null) {
            while (runs.size() <= day) {
                runs.add(new ArrayList<>());
            }
            writers[day] = new RecordWriter<>(runs.get(day)::add);
        }
        writers[day].write(r);
    }

    @Override
    public Map<Day, DayScans> drain() {
        fold();
        releaseBuffers();
        Map<Day, DayScans> result = new TreeMap<>(states);
        states.clear();
        return result;
    }
}
