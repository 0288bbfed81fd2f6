package io.darkscope.analysis.scan;

import io.darkscope.decode.PacketView;

import java.util.ArrayList;
import java.util.List;

/**
 * A TCP SYN's stack signature: its TTL rounded up to the initial TTLs stacks use (32, 64, 128,
 * 255), its window, its MSS and window scale (-1 without the option), and its option kinds in
 * order (the first eight). Written {@code ttl:window:mss:scale:options}, absent values as "-",
 * options by name (nop, mss, ws, sok, sack, ts; others "?kind"), e.g.
 * {@code 64:29200:1460:7:mss,sok,ts,nop,ws} for Linux and {@code 255:1024:-:-:-} for masscan. Kept
 * packed in two longs: the fields, and the option kinds a byte each from the lowest.
 */
public record SynSignature(int ttl, int window, int mss, int windowScale, List<Integer> options) {
    private static final int[] TTLS = {32, 64, 128, 255};
    private static final List<Integer> LINUX = List.of(2, 4, 8, 1, 3);
    private static final List<Integer> WINDOWS_OR_ZMAP_4_1 = List.of(2, 1, 3, 1, 1, 4);

    /** The packed fields of a SYN: TTL class, window, MSS + 1, window scale + 1, option count. */
    static long fields(PacketView p) {
        int ttl = p.ttl() <= 32 ? 0 : p.ttl() <= 64 ? 1 : p.ttl() <= 128 ? 2 : 3;
        return (long) ttl << 46 | (long) p.tcpWindow() << 30 | (long) (p.tcpMss() + 1) << 13 | (long) (p.tcpWindowScale() + 1) << 4
                | p.tcpOptionCount();
    }

    /** The packed option kinds of a SYN. */
    static long kinds(PacketView p) {
        return p.tcpOptionKinds();
    }

    /** The signature of its packed form. */
    public static SynSignature of(long fields, long kinds) {
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < (int) (fields & 0xf); i++) {
            options.add((int) (kinds >>> 8 * i) & 0xff);
        }
        return new SynSignature(TTLS[(int) (fields >>> 46) & 3], (int) (fields >>> 30) & 0xffff, (int) (fields >>> 13 & 0x1ffff) - 1,
                (int) (fields >>> 4 & 0x1ff) - 1, List.copyOf(options));
    }

    @Override
    public String toString() {
        List<String> names = options.stream().map(SynSignature::optionName).toList();
        return ttl + ":" + window + ":" + (mss < 0 ? "-" : mss) + ":" + (windowScale < 0 ? "-" : windowScale) + ":"
                + (names.isEmpty() ? "-" : String.join(",", names));
    }

    private static String optionName(int kind) {
        return switch (kind) {
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "ws";
            case 4 -> "sok";
            case 5 -> "sack";
            case 8 -> "ts";
            default -> "?" + kind;
        };
    }

    /**
     * What sent the SYN, by the first rule it meets: a scanner's fixed fields (zmap up to 4.0:
     * TTL 255, window 65535, no options; masscan: TTL 255, window 1024, no options; nmap's SYN
     * scan: window 1024 to 4096 and the MSS option alone; hping3: window 512, no options, TTL 64;
     * zmap 4.1 and later: TTL 64, window 65535, Windows' options), then a stack's (windows: TTL
     * 128; linux: TTL 64 with Linux's options MSS, SACK permitted, timestamps, NOP, window scale),
     * then iot (TTL 64, no options: raw SYNs from embedded devices, as Mirai sends them), else unknown.
     */
    public String family() {
        if (options.isEmpty() && ttl == 255 && window == 65535) {
            return "scanner/zmap";
        }
        if (options.isEmpty() && ttl == 255 && window == 1024) {
            return "scanner/masscan";
        }
        if (options.equals(List.of(2)) && window >= 1024 && window <= 4096 && window % 1024 == 0) {
            return "scanner/nmap";
        }
        if (options.isEmpty() && ttl == 64 && window == 512) {
            return "scanner/hping3";
        }
        if (options.equals(WINDOWS_OR_ZMAP_4_1) && ttl == 64 && window == 65535) {
            return "scanner/zmap-4.1";
        }
        if (ttl == 128) {
            return "windows";
        }
        if (ttl == 64 && options.equals(LINUX)) {
            return "linux";
        }
        return ttl == 64 && options.isEmpty() ? "iot" : "unknown";
    }
}
