package io.darkscope.query;

import java.util.List;

/** An address of a watched network seen as a darknet source on a day: the ports it sent to ("23/tcp") and the fingerprints it matched. */
public record WatchedSource(String address, List<String> ports, List<String> fingerprints) {
}
