package io.darkscope.web;

import io.darkscope.query.LiveFeed;
import io.darkscope.query.LiveSample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A live feed the test publishes to, as a sensor would. */
final class TestFeed implements LiveFeed {
    private final List<LiveSample> recent = new CopyOnWriteArrayList<>();
    private final List<Consumer<LiveSample>> listeners = new CopyOnWriteArrayList<>();

    void publish(LiveSample sample) {
        recent.add(sample);
        listeners.forEach(l -> l.accept(sample));
    }

    int subscribers() {
        return listeners.size();
    }

    @Override
    public List<LiveSample> recent() {
        return List.copyOf(recent);
    }

    @Override
    public AutoCloseable subscribe(Consumer<LiveSample> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
