package io.darkscope.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A MaxMind-format country database (GeoLite2-Country, DB-IP, ip-location-db), read with
 * MaxMind's low-level reader: its IPv4 networks become a {@link RangeTable} for counting whole
 * sets of sources; IPv6 addresses are looked up one by one. Both the ip-location-db layout
 * ({@code country_code}) and GeoLite2's ({@code country.iso_code}) are understood. The range
 * table is saved beside the file for the next process ({@link RangeCache}).
 */
public final class CountryDatabase implements Closeable {
    private final Reader reader;
    private final RangeTable ipv4;

    private CountryDatabase(Reader reader, RangeTable ipv4) {
        this.reader = reader;
        this.ipv4 = ipv4;
    }

    /** A country table made in memory (IPv6 addresses are then unknown). */
    public static CountryDatabase of(RangeTable ipv4) {
        return new CountryDatabase(null, ipv4);
    }

    public static CountryDatabase open(Path file) throws IOException {
        Reader reader = new Reader(file.toFile(), new CHMCache()); // its networks (hundreds of thousands) share a few hundred records: each decoded once
        try {
            RangeTable ipv4 = RangeCache.load(file, f -> new RangeCache.Ranges(ipv4Networks(f, reader), Map.of())).table();
            return new CountryDatabase(reader, ipv4);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static RangeTable ipv4Networks(Path file, Reader reader) throws IOException {
        RangeTable.Builder table = new RangeTable.Builder();
        Networks<Map> networks;
        try {
            networks = reader.networksWithin(new Network(InetAddress.getByAddress(new byte[4]), 0), false, Map.class);
        } catch (InvalidNetworkException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        while (networks.hasNext()) {
            DatabaseRecord<Map> record = networks.next();
            InetAddress address = record.network().networkAddress();
            int length = record.network().prefixLength();
            if (address instanceof Inet4Address) {
                long first = Integer.toUnsignedLong(ByteBuffer.wrap(address.getAddress()).getInt());
                table.add(first, first + (1L << (32 - length)) - 1, countryOf(record.data()));
            }
        }
        return table.build();
    }

    static String countryOf(Map<?, ?> data) {
        if (data == null) {
            return GeoData.UNKNOWN;
        }
        Object code = data.get("country_code");
        if (code == null && data.get("country") instanceof Map<?, ?> country) {
            code = country.get("iso_code");
        }
        if (code == null && data.get("registered_country") instanceof Map<?, ?> registered) {
            code = registered.get("iso_code");
        }
        return code == null ? GeoData.UNKNOWN : code.toString();
    }

    /** The IPv4 networks by country code. */
    public RangeTable ipv4() {
        return ipv4;
    }

    /** The country code of an IPv6 address, or "unknown". */
    public String countryOfIpv6(long high, long low) throws IOException {
        if (reader == null) {
            return GeoData.UNKNOWN;
        }
        return countryOf(reader.get(InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array()), Map.class));
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
