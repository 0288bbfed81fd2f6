package io.darkscope.decode;

/** The link-layer header types (tcpdump.org LINKTYPE_ values) that the decoder understands. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** DLT_RAW as written by some BSDs. */
    public static final int RAW_BSD_12 = 12;
    /** DLT_RAW as written by OpenBSD. */
    public static final int RAW_BSD_14 = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int NFLOG = 239;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static boolean isSupported(int linkType) {
        switch (linkType) {
            case NULL: case ETHERNET: case RAW_BSD_12: case RAW_BSD_14: case RAW: case LOOP:
            case LINUX_SLL: case IPV4: case IPV6: case NFLOG: case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }
}
