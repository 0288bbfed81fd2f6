package io.darkscope.sim;

import io.darkscope.darknet.Prefix;
import io.darkscope.sim.scenario.Network;

import java.util.List;

/**
 * Where simulated sources get their addresses: a country's or an AS's address space when the
 * simulator has GeoIP data ({@link GeoAddressSpace}), otherwise public unicast space at random.
 * Never bogons, never the darknet itself.
 */
public interface AddressSpace {
    /**
     * A public IPv4 address for a source of the given pool, a country code, "*" (anywhere) or
     * an AS ("AS4713"), chosen by {@code hash} so that the same source gets the same address.
     */
    int pick(String pool, long hash);

    /**
     * As {@link #pick(String, long)}, from the pool's space of one kind of network when this
     * space knows the kinds (the GeoIP data's AS table); public space at random knows none.
     */
    default int pick(String pool, Network network, long hash) {
        return pick(pool, hash);
    }

    /** The country of an address as this space knows it, or "*". */
    default String countryOf(int address) {
        return "*";
    }

    /** Public unicast space at random, whatever the country: the simulator's default. */
    static AddressSpace anywhere(List<Prefix> darknet) {
        return (pool, hash) -> {
            if (isAs(pool)) {
                throw new IllegalArgumentException("sources from " + pool + " need an AS table: run 'darkscope geo fetch'");
            }
            return publicAddress(hash, darknet);
        };
    }

    /** Whether a pool names an AS ("AS4713") rather than a country ("AS" alone is American Samoa). */
    static boolean isAs(String pool) {
        return pool.length() > 2 && pool.startsWith("AS") && pool.substring(2).chars().allMatch(Character::isDigit);
    }

    /** Whether an address is usable as a simulated source: public, and not in the darknet. */
    static boolean usable(int address, List<Prefix> darknet) {
        if (!isPublic(address)) {
            return false;
        }
        for (Prefix p : darknet) {
            if (p.containsIpv4(address)) {
                return false;
            }
        }
        return true;
    }

    /** An address from {@code hash} that is neither special-purpose (RFC 6890) nor in the darknet. */
    static int publicAddress(long hash, List<Prefix> darknet) {
        long h = hash;
        while (true) {
            h = mix(h + 0x9E3779B97F4A7C15L);
            int a = (int) (h >>> 32);
            if (usable(a, darknet)) {
                return a;
            }
        }
    }

    /** Whether an IPv4 address is ordinary public unicast space. */
    static boolean isPublic(int address) {
        int o1 = address >>> 24;
        int o2 = (address >>> 16) & 0xff;
        int o3 = (address >>> 8) & 0xff;
        return !(o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224
                || (o1 == 100 && o2 >= 64 && o2 < 128) || (o1 == 169 && o2 == 254) || (o1 == 172 && o2 >= 16 && o2 < 32)
                || (o1 == 192 && o2 == 168) || (o1 == 192 && o2 == 0 && (o3 == 0 || o3 == 2)) || (o1 == 198 && (o2 == 18 || o2 == 19))
                || (o1 == 198 && o2 == 51 && o3 == 100) || (o1 == 203 && o2 == 0 && o3 == 113));
    }

    /** SplitMix64's finaliser: a good 64-bit mix, so that hashes of nearby inputs look unrelated. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
