package io.darkscope.sim.model;

/**
 * One simulated source (a bot, a scanner, a DoS victim) on one day: its address and what its
 * tool keeps constant while it runs. Models fill the fields they use in {@link ToolModel#start}.
 */
public final class Source {
    /** IPv4 address; for IPv6 sources see {@link #ipv6High} and {@link #ipv6Low}. */
    public int address;
    public boolean ipv6;
    public long ipv6High;
    public long ipv6Low;
    /** ISO country code of the address, or "*" when drawn from anywhere. */
    public String country;
    public int sourcePort;
    public int window;
    public int ipId;
    /** TCP options a tool rewrites from probe to probe (the Linux stack's timestamp), so that no probe allocates them. */
    public byte[] tcpOptions;
    /** The destination port of a tool that scans one port per run, or the service port of a DoS victim. */
    public int port;
    /** Probes sent so far today. */
    public int counter;
    public int sequence;
    /** The ports of a DoS victim attacked on several at once ({@link #port} is the first), else null. */
    public int[] ports;
    /** The ports this source sends to (the actor's, or a session's one port). */
    public PortChoice choice;
    /** Probes of the source's session sent before the current one, over all days: picks its next destination. */
    public long sent;
    /** The simulator's bookkeeping: the session this source runs (-1: none). */
    public int session = -1;
    /** The simulator's bookkeeping: whether the truth follows this source's destinations hour by hour. */
    public boolean hourly;
    /** The simulator's bookkeeping: the last two (protocol, port) keys this source was counted under today. */
    public int lastKey = -1;
    public int previousKey = -1;
}
