package io.darkscope.decode;

/** What the decoder made of one captured frame. */
public enum DecodeResult {
    /** An IPv4 or IPv6 packet; the view holds it. */
    IP,
    /** A well-formed frame that carries something other than IP (ARP, LLDP, ...). */
    NOT_IP,
    /** A frame or IP header too short or inconsistent to tell where the packet was going. */
    DAMAGED,
    /** A link type the decoder does not know. */
    UNSUPPORTED_LINK
}
