package io.darkscope.store;

import io.darkscope.analysis.DayStates;
import io.darkscope.analysis.fingerprint.FingerprintQueries;
import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.ScannerMix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day a sensor has committed once and not yet closed is held in a single part: it must answer
 * as a day in many parts does, and be decided when a later commit closes it.
 */
class OpenDayTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void aDayOfOnePartAnswersAndIsDecidedWhenClosed() throws Exception {
        List<DayStates> days = PipelineRun.run(ScannerMix.generate(6, 5_000, START, 600), 2, PipelineRun.DARKNET, ZoneOffset.UTC);
        assertThat(days).hasSize(1);
        long end = (START + 600) * 1_000_000_000L;
        try (Store store = Store.open(dir)) {
            store.commit(new Provenance.Stream("s", START * 1_000_000_000L, end, Provenance.CaptureStats.NONE), days, START + 600,
                    PipelineRun.DARKNET, ZoneOffset.UTC);
            List<FingerprintQueries.Row> open = new FingerprintQueries(store).fingerprints(null, null);
            assertThat(open.stream().map(FingerprintQueries.Row::fingerprint)).contains("zmap", "masscan", "mirai");

            store.commit(new Provenance.Stream("s", end, (START + 86_400) * 1_000_000_000L, Provenance.CaptureStats.NONE), List.of(), START + 86_400,
                    PipelineRun.DARKNET, ZoneOffset.UTC);
            assertThat(count(store, "SELECT count(*) FROM day_parts WHERE part <> 0")).as("closed: compacted into part 0").isZero();
            assertThat(count(store, "SELECT count(*) FROM day_fingerprint")).as("and decided").isPositive();
            assertThat(new FingerprintQueries(store).fingerprints(null, null)).isEqualTo(open);
        }
    }

    private static long count(Store store, String sql) throws Exception {
        try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
