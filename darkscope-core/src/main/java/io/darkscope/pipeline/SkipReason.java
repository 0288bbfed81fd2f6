package io.darkscope.pipeline;

/** Why a record read from a capture is not darknet traffic. */
public enum SkipReason {
    /** IP, but to a destination not monitored at that moment. */
    NOT_DARKNET("not darknet"),
    /** A frame that carries something other than IP (ARP, LLDP, ...). */
    NOT_IP("not IP"),
    /** A frame or IP header too short or inconsistent to tell where it went. */
    DAMAGED("damaged"),
    /** A link type darkscope does not decode. */
    UNSUPPORTED_LINK("unsupported link type"),
    /** Older than what was already committed for its source (a late packet, or a replay). */
    LATE("older than the committed horizon");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
