package io.darkscope.analysis.traffic;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/**
 * The union of sets of IPv4 sources added one after another: the large ones or'ed in as they
 * come, the small ones' values gathered and or'ed in a million at a time. Or'ing walks the union
 * whole, so a port scan's tens of thousands of one-source ports, or'ed one by one, would walk it
 * as many times; and nothing added is held, so the sets can go as soon as they are added.
 */
final class SourceUnion {
    /** Sets from this size on are or'ed in at once. */
    private static final int LARGE_SET = 1 << 16;
    /** Values gathered before they are or'ed in. */
    private static final int GATHERED = 1 << 20;

    private final RoaringBitmap union = new RoaringBitmap();
    private final IntArrayList gathered = new IntArrayList();

    void add(RoaringBitmap set) {
        if (set.getCardinality() >= LARGE_SET) {
            union.or(set);
            return;
        }
        set.forEach((IntConsumer) gathered::add);
        if (gathered.size() >= GATHERED) {
            orGathered();
        }
    }

    /** The union; nothing may be added afterwards. */
    RoaringBitmap result() {
        orGathered();
        return union;
    }

    private void orGathered() {
        union.or(RoaringBitmap.bitmapOfUnordered(gathered.toIntArray()));
        gathered.clear();
    }
}
