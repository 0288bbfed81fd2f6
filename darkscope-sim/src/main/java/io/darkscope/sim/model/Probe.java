package io.darkscope.sim.model;

/** What a model says about the probe it just crafted: the truth the simulator records. */
public final class Probe {
    public int protocol;
    /** -1 when the packet has no destination port (ICMP, GRE, a later fragment). */
    public int dstPort;
    /** Whether the packet's source address is its destination (a LAND packet), not the source's own. */
    public boolean sourceIsDestination;
}
