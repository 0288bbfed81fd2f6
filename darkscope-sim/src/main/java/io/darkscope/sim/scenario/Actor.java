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
 * @param activeMinutes  each source sends its probes of the day within a window this long (0: all day), as an attack does
 */
public record Actor(String name, String tool, Curve sources, ProbeCount probes, PortChoice ports, List<String> countryCodes,
                    double[] countryWeights, Prefix prefix, String prefixCountry, String asn, int churnDays, boolean unscaled,
                    int activeMinutes) {
}
