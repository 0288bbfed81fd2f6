package io.darkscope.query;

import java.util.List;
import java.util.function.Consumer;

/** The live counters of a running sensor, for the HTTP API's feed and the dashboard. */
public interface LiveFeed {
    /** The samples of the last hour, oldest first. */
    List<LiveSample> recent();

    /** Calls {@code listener} with every new sample, from the sensor's thread, until the returned handle is closed. */
    AutoCloseable subscribe(Consumer<LiveSample> listener);

    /** A feed with nothing to say, for a server without a sensor. */
    LiveFeed NONE = new LiveFeed() {
        @Override
        public List<LiveSample> recent() {
            return List.of();
        }

        @Override
        public AutoCloseable subscribe(Consumer<LiveSample> listener) {
            return () -> { };
        }
    };
}
