package io.darkscope.analysis;

/**
 * How an accumulator's packet buffer grows: it starts at {@value #INITIAL} entries and doubles
 * when full until its limit, the memory its analysis was given; only a full buffer at its limit
 * is folded. A small input (a test, a minute of a sensor, a day of a small telescope) never pays
 * for zeroing the buffers a day of the largest one needs.
 */
public final class BufferGrowth {
    /** Entries a buffer starts with. */
    public static final int INITIAL = 1 << 12;

    private BufferGrowth() {
    }

    /** The length a buffer starts with under {@code limit}. */
    public static int initial(int limit) {
        return Math.min(INITIAL, limit);
    }

    /** The length a full buffer of {@code length} grows to: twice as long, at most {@code limit}. */
    public static int grown(int length, int limit) {
        return (int) Math.min(limit, 2L * length);
    }
}
