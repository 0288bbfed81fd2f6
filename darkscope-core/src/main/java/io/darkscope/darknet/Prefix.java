package io.darkscope.darknet;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation. IPv4 addresses are kept as unsigned values in a
 * long; IPv6 as two longs. Host bits must be zero: "203.0.113.5/24" is refused, since it is
 * more often a typo than an intent.
 */
public record Prefix(int version, long high, long low, int length) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Parses "198.51.100.0/22", "2001:db8::/32", or a single address (a /32 or /128). */
    public static Prefix parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int length = max;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            if (length < 0 || length > max) {
                throw new IllegalArgumentException("prefix length " + length + " out of range 0-" + max + " in '" + text + "'");
            }
        }
        Prefix p = v6 ? ipv6(address, length, text) : ipv4(address, length, text);
        if (!p.hostBitsZero()) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; the network is " + p.network());
        }
        return p;
    }

    private static Prefix ipv4(String address, int length, String text) {
        var m = IPV4.matcher(address);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 prefix");
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("octet " + octet + " out of range in '" + text + "'");
            }
            value = (value << 8) | octet;
        }
        return new Prefix(4, 0, value, length);
    }

    private static Prefix ipv6(String address, int length, String text) {
        if (!IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 prefix");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix");
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix");
        }
        return new Prefix(6, ByteBuffer.wrap(bytes, 0, 8).getLong(), ByteBuffer.wrap(bytes, 8, 8).getLong(), length);
    }

    /** First IPv4 address as an unsigned value (IPv4 only). */
    public long firstIpv4() {
        return low;
    }

    /** Last IPv4 address as an unsigned value (IPv4 only). */
    public long lastIpv4() {
        return low | hostMaskIpv4();
    }

    /** Number of addresses in the prefix. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft((version == 4 ? 32 : 128) - length);
    }

    /** Whether an IPv4 address lies in this prefix; never for an IPv6 prefix. */
    public boolean containsIpv4(int address) {
        return version == 4 && ((Integer.toUnsignedLong(address) ^ low) & ~hostMaskIpv4()) == 0;
    }

    /** Whether an IPv6 address lies in this prefix (IPv6 only). */
    public boolean containsIpv6(long addressHigh, long addressLow) {
        return ((addressHigh ^ high) & ~hostMaskHigh()) == 0 && ((addressLow ^ low) & ~hostMaskLow()) == 0;
    }

    private long hostMaskIpv4() {
        return (1L << (32 - length)) - 1;
    }

    /** The host bits of an IPv6 prefix in the address's high 64 bits. */
    public long hostMaskHigh() {
        return length >= 64 ? 0 : length == 0 ? -1L : -1L >>> length;
    }

    /** The host bits of an IPv6 prefix in the address's low 64 bits. */
    public long hostMaskLow() {
        return length <= 64 ? -1L : length == 128 ? 0 : -1L >>> (length - 64);
    }

    private boolean hostBitsZero() {
        return version == 4 ? (low & hostMaskIpv4()) == 0 : (high & hostMaskHigh()) == 0 && (low & hostMaskLow()) == 0;
    }

    private String network() {
        return version == 4 ? new Prefix(4, 0, low & ~hostMaskIpv4(), length).toString()
                : new Prefix(6, high & ~hostMaskHigh(), low & ~hostMaskLow(), length).toString();
    }

    @Override
    public String toString() {
        if (version == 4) {
            return ((low >>> 24) & 255) + "." + ((low >>> 16) & 255) + "." + ((low >>> 8) & 255) + "." + (low & 255) + "/" + length;
        }
        byte[] bytes = ByteBuffer.allocate(16).putLong(high).putLong(low).array();
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
