package io.darkscope.sets;

import it.unimi.dsi.fastutil.ints.IntCollection;

import java.util.Arrays;

/**
 * Int keys in ascending unsigned order (addresses' order, and RoaringBitmap's). Merges walk
 * another hash map's keys in this order, never in its table order: open-addressing maps that
 * hash alike put keys inserted in table order into long runs, and a merge of millions of keys
 * then takes minutes instead of milliseconds.
 */
public final class SortedKeys {
    private SortedKeys() {
    }

    public static int[] of(IntCollection keys) {
        int[] sorted = keys.toIntArray();
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] ^= Integer.MIN_VALUE;
        }
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] ^= Integer.MIN_VALUE;
        }
        return sorted;
    }
}
