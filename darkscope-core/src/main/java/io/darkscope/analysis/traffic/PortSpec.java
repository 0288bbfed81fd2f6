package io.darkscope.analysis.traffic;

import io.darkscope.decode.IpProtocol;

import java.util.ArrayList;
import java.util.List;

/** A destination port and protocol as users write them: "23/tcp", "53413/udp". */
public record PortSpec(int port, int protocol) {
    public PortSpec {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range 0-65535");
        }
        if (!IpProtocol.hasPorts(protocol)) {
            throw new IllegalArgumentException("protocol " + IpProtocol.name(protocol) + " has no ports");
        }
    }

    /** Parses "23/tcp"; a port without a protocol means TCP. */
    public static PortSpec parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String number = slash < 0 ? s : s.substring(0, slash);
        int protocol = slash < 0 ? IpProtocol.TCP : IpProtocol.parse(s.substring(slash + 1));
        try {
            return new PortSpec(Integer.parseInt(number), protocol);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port such as 23/tcp");
        }
    }

    /** Parses a comma-separated list: "23/tcp,2323/tcp". */
    public static List<PortSpec> parseList(String text) {
        List<PortSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                specs.add(parse(part));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no port given; write e.g. 23/tcp,2323/tcp");
        }
        return specs;
    }

    @Override
    public String toString() {
        return port + "/" + IpProtocol.name(protocol);
    }
}
