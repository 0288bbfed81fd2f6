package io.darkscope.analysis.scan;

import it.unimi.dsi.fastutil.ints.IntArrays;

import java.util.Arrays;

/**
 * The SYN signatures of one buffer of packets, numbered from 1 as they come (0 is "no
 * signature"), and ranked in their packed order when the buffer is folded. Open addressing over
 * the two packed longs: a probe per SYN, no allocation.
 */
final class SignatureIds {
    private long[] fields = new long[256];
    private long[] kinds = new long[256];
    private int size = 1;
    private int[] table = new int[512];

    /** The number of a signature, given one if new. */
    int id(long f, long k) {
        int mask = table.length - 1;
        int slot = hash(f, k) & mask;
        while (table[slot] != 0) {
            int id = table[slot];
            if (fields[id] == f && kinds[id] == k) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (size == fields.length) {
            fields = Arrays.copyOf(fields, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        fields[size] = f;
        kinds[size] = k;
        table[slot] = size;
        if (++size * 2 > table.length) {
            rehash();
        }
        return size - 1;
    }

    private static int hash(long f, long k) {
        long h = f * 0x9E3779B97F4A7C15L ^ k * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 29);
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int id = 1; id < size; id++) {
            int slot = hash(fields[id], kinds[id]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id;
        }
    }

    long fields(int id) {
        return fields[id];
    }

    long kinds(int id) {
        return kinds[id];
    }

    /** Each number's rank among the signatures in packed order (unsigned fields, then kinds); 0 keeps rank 0. */
    int[] ranks() {
        int[] order = new int[size - 1];
        for (int i = 0; i < order.length; i++) {
            order[i] = i + 1;
        }
        IntArrays.quickSort(order, (a, b) -> {
            int c = Long.compareUnsigned(fields[a], fields[b]);
            return c != 0 ? c : Long.compareUnsigned(kinds[a], kinds[b]);
        });
        int[] ranks = new int[size];
        for (int i = 0; i < order.length; i++) {
            ranks[order[i]] = i + 1;
        }
        return ranks;
    }

    void clear() {
        size = 1;
        Arrays.fill(table, 0);
    }
}
