package io.darkscope.sim.model;

import java.util.SplittableRandom;

/** A weighted choice of destination (port, protocol) pairs, from an actor's {@code ports}. */
public final class PortChoice {
    private final int[] ports;
    private final int[] protocols;
    private final double[] cumulative;

    public PortChoice(int[] ports, int[] protocols, double[] weights) {
        if (ports.length == 0 || ports.length != protocols.length || ports.length != weights.length) {
            throw new IllegalArgumentException("a port choice needs at least one port, each with a protocol and a weight");
        }
        this.ports = ports.clone();
        this.protocols = protocols.clone();
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** Index of a random choice. */
    public int pick(SplittableRandom random) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    public int port(int index) {
        return ports[index];
    }

    public int protocol(int index) {
        return protocols[index];
    }

    public int size() {
        return ports.length;
    }
}
