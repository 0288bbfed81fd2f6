package io.darkscope.capture;

import java.io.IOException;

/** The file is not a capture darkscope can read (not pcap or pcapng, or its header is damaged). */
public final class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
