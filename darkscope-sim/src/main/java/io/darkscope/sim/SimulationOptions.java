package io.darkscope.sim;

import java.time.LocalDate;

/**
 * How to run a scenario.
 *
 * @param from     first day (null: the scenario's)
 * @param to       last day, inclusive (null: the scenario's)
 * @param scale    multiplies every actor's active sources (and so its packets)
 * @param seed     the same seed gives the same bytes
 * @param pcapng   write pcapng instead of pcap
 * @param gzip     gzip every capture (fastest level)
 * @param threads  days generated at once
 */
public record SimulationOptions(LocalDate from, LocalDate to, double scale, long seed, boolean pcapng, boolean gzip, int threads) {
    public SimulationOptions {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }
}
