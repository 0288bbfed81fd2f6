package io.darkscope.sim.scenario;

import io.darkscope.darknet.Prefix;
import io.darkscope.sim.model.PortChoice;

import java.util.List;

/**
 * A population of sources that behave alike: the tool they run, how many are active each day,
 * how many probes each sends, to which ports, from which countries (or from one prefix), and
 * for how many days a source keeps its address before churn gives it another.
 *
 * @param countryCodes   ISO codes ("*" means anywhere), with {@code countryWeights}
 * @param prefix         when set, sources come from this prefix instead of countries
 * @param asn            when set ("AS4713"), sources come from this AS's space (needs an AS table)
 * @param unscaled       whether the actor keeps its size whatever the simulation's scale
 * @param activeMinutes  each source sends its probes of the day within a window this long (0: all day)
 * @param minScale       the actor is simulated at this scale at least (0: the simulation's), to over-sample a small population
 * @param networks       the kinds of network its sources' addresses come from, with {@code networkWeights} (GeoIP data only)
 * @param attack         when set, each source is a DoS victim whose attack has a drawn duration and rate (backscatter)
 * @param sessions       when set, the actor's sources are these scans of known window and coverage, nothing else
 * @param survey         when set, the actor is a survey scanner with a fixed set of addresses of {@code prefix}
 * @param kinds          weights of the {@link io.darkscope.sim.model.SpoofKind}s, by ordinal (tool "spoofed" only), else null
 */
public record Actor(String name, String tool, Curve sources, ProbeCount probes, PortChoice ports, List<String> countryCodes,
                    double[] countryWeights, Prefix prefix, String prefixCountry, String asn, int churnDays, boolean unscaled,
                    int activeMinutes, double minScale, List<Network> networks, double[] networkWeights, Attack attack,
                    List<Session> sessions, Survey survey, double[] kinds) {

    /** The scale this actor is simulated at when the simulation's is {@code scale}. */
    public double scale(double scale) {
        return unscaled || sessions != null || survey != null ? 1 : Math.max(scale, minScale);
    }
}
