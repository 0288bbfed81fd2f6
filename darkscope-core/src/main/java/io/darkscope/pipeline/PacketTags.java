package io.darkscope.pipeline;

import io.darkscope.classify.TrafficClass;

/**
 * What the pipeline found out about a packet once, before any analysis sees it (Corsaro's
 * tags): its day and its traffic class. One instance per worker, refilled for every packet.
 */
public final class PacketTags {
    Day day;
    TrafficClass trafficClass;

    /** Sets the tags, for code that feeds analyses without a pipeline (tests, benchmarks). */
    public PacketTags set(Day day, TrafficClass trafficClass) {
        this.day = day;
        this.trafficClass = trafficClass;
        return this;
    }

    /** The day, in the store's time zone, the packet belongs to. */
    public Day day() {
        return day;
    }

    public TrafficClass trafficClass() {
        return trafficClass;
    }
}
