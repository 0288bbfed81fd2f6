package io.darkscope.store;

import io.darkscope.darknet.DarknetRegistry;
import io.darkscope.darknet.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Capture health from a sensor's committed windows, against shares worked out by hand. */
class CaptureHealthTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DarknetRegistry REGISTRY = DarknetRegistry.ofPrefixes(List.of(Prefix.parse("10.99.0.0/16")));

    @TempDir
    Path dir;

    @Test
    void observedAndSilentSharesPerDayWithGapsAndAWindowAcrossMidnight() throws Exception {
        try (Store store = Store.open(dir)) {
            // 00:00-06:00 packets; 06:00-09:00 a silent link; 09:00-12:00 nothing committed (a gap); 12:00-24:00 packets
            commit(store, "s", at(1, 0), at(1, 6), 600, 3, 1);
            commit(store, "s", at(1, 6), at(1, 9), 0, 0, 0);
            commit(store, "s", at(1, 12), at(1, 24), 1200, 0, 0);
            // a window from 23:00 on day 2 to 01:00 on day 3, with 50 packets
            commit(store, "s", at(2, 23), at(3, 1), 50, 0, 0);
            List<CaptureHealth.Day> days = new CaptureHealth(store).days(null, null);
            assertThat(days).hasSize(3);
            CaptureHealth.Day first = days.get(0);
            assertThat(first.date()).isEqualTo(LocalDate.of(2016, 10, 1));
            assertThat(first.observed()).isCloseTo(21.0 / 24, within(1e-12));
            assertThat(first.silent()).isCloseTo(3.0 / 24, within(1e-12));
            assertThat(first.received()).isEqualTo(1800);
            assertThat(first.dropped()).isEqualTo(3);
            assertThat(first.interfaceDropped()).isEqualTo(1);
            assertThat(days.get(1).observed()).isCloseTo(1.0 / 24, within(1e-12));
            assertThat(days.get(2).observed()).isCloseTo(1.0 / 24, within(1e-12));
            assertThat(days.get(1).received() + days.get(2).received()).as("a window's counters go to the day it ends in").isEqualTo(50);
            assertThat(days.get(2).received()).isEqualTo(50);
        }
    }

    private static long at(int day, int hour) {
        return ZonedDateTime.of(2016, 10, day, 0, 0, 0, 0, TOKYO).plusHours(hour).toEpochSecond() * 1_000_000_000L;
    }

    private static void commit(Store store, String sensor, long from, long to, long received, long dropped, long ifDropped) throws Exception {
        store.commit(new Provenance.Stream(sensor, from, to, new Provenance.CaptureStats(received, dropped, ifDropped)), List.of(),
                from / 1_000_000_000L, REGISTRY, TOKYO);
    }
}
