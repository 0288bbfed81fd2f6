package io.darkscope.sim.scenario;

/**
 * A research or commercial survey scanner (Shodan, Censys...): its sources are a small fixed
 * set of {@code addresses} addresses of the actor's prefix, listed in the simulation's
 * survey-scanner files under the organisation's name.
 */
public record Survey(String scanner, int addresses) {
    public Survey {
        if (scanner == null || scanner.isBlank()) {
            throw new IllegalArgumentException("'survey' needs a 'scanner' name");
        }
        if (addresses < 1) {
            throw new IllegalArgumentException("'survey.addresses' must be at least 1");
        }
    }
}
