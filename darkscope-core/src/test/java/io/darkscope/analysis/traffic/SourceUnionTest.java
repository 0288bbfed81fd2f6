package io.darkscope.analysis.traffic;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.util.BitSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The union of many small sets (a port scan's ports, past the million values gathered at once)
 * and a few large ones, unsigned addresses above 2^31 included, against a bit set of the same
 * values shifted into range.
 */
class SourceUnionTest {
    @Test
    void unionOfSmallAndLargeSets() {
        Random random = new Random(11);
        SourceUnion union = new SourceUnion();
        BitSet expected = new BitSet(); // address >>> 1 of even addresses only, so that all 2^32 fit
        for (int set = 0; set < 40_000; set++) {
            RoaringBitmap small = new RoaringBitmap();
            for (int i = random.nextInt(60); i > 0; i--) {
                int address = random.nextInt() & ~1;
                small.add(address);
                expected.set(address >>> 1);
            }
            union.add(small);
            if (set % 10_000 == 0) {
                RoaringBitmap large = new RoaringBitmap();
                int base = random.nextInt() & 0xfff00000;
                for (int i = 0; i < 200_000; i++) {
                    int address = base + 2 * i;
                    large.add(address);
                    expected.set(address >>> 1);
                }
                union.add(large);
            }
        }
        RoaringBitmap result = union.result();
        assertThat(result.getLongCardinality()).isEqualTo(expected.cardinality());
        long[] strays = {0};
        result.forEach((int address) -> strays[0] += expected.get(address >>> 1) ? 0 : 1);
        assertThat(strays[0]).isZero();
    }
}
