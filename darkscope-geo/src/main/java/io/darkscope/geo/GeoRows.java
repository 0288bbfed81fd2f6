package io.darkscope.geo;

/** The rows of the attribution views; the CLI and the HTTP API print them as they are. */
public final class GeoRows {
    private GeoRows() {
    }

    /** Seed Table 2: a country's distinct sources and share (rows "other" and "total" close the table). */
    public record Country(String country, long sources, double share) {
    }

    /** Where sources come from: an AS ("AS4713") or a prefix ("203.0.113.0/24"), its name, sources and share. */
    public record Network(String network, String name, long sources, double share) {
    }
}
