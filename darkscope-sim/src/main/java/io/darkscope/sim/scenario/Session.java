package io.darkscope.sim.scenario;

import java.time.LocalDateTime;

/**
 * One scan of known duration and coverage: from {@code start} (the scenario's local time) for
 * {@code seconds}, one source sends {@code round(rate * seconds)} probes, evenly spaced, to one
 * port, cycling through {@code destinations} distinct darknet addresses (so every one of them is
 * probed at least once). It may run past midnight.
 *
 * @param port   canonical, e.g. "8080/tcp"
 * @param source the source's address when the scenario fixes it (dotted), else null: drawn as the actor's sources are
 */
public record Session(LocalDateTime start, long seconds, double rate, int destinations, String port, String source) {
    public Session {
        if (seconds < 1 || !(rate > 0) || destinations < 1) {
            throw new IllegalArgumentException("a session needs positive minutes, rate and destinations");
        }
        if (Math.round(rate * seconds) < destinations) {
            throw new IllegalArgumentException("a session of " + Math.round(rate * seconds) + " probes cannot reach " + destinations
                    + " destinations: raise its rate or its minutes");
        }
    }

    /** The probes the session sends. */
    public long packets() {
        return Math.round(rate * seconds);
    }
}
