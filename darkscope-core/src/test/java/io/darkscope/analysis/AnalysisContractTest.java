package io.darkscope.analysis;

import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.ScannerMix;
import io.darkscope.testing.SyntheticTraffic;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every registered analysis keeps: its codec gives back the state it wrote, its
 * merge is commutative and associative, and the state of a day is the same whichever way its
 * packets were cut and ordered. Equality is of the codec's bytes, which are canonical.
 */
class AnalysisContractTest {
    private static final long START = 1_474_243_200L; // 2016-09-19T00:00:00Z

    private static List<PipelineRun.Frame> traffic(long seed) {
        List<PipelineRun.Frame> frames = new ArrayList<>(ScannerMix.generate(seed, 6_000, START, 2 * 86_400L));
        SyntheticTraffic.generate(seed, 6_000, 1_000, START, 2 * 86_400L).forEach(p -> frames.add(new PipelineRun.Frame(p.nanos(), p.frame())));
        return frames;
    }

    private static DayStates copy(DayStates states) throws IOException {
        return DayStates.fromBytes(states.toBytes());
    }

    private static List<DayStates> run(List<PipelineRun.Frame> frames, int workers) {
        return PipelineRun.run(frames, workers);
    }

    @Test
    void everyStateReadsBackAsItWasWritten() throws IOException {
        for (DayStates day : run(traffic(1), 2)) {
            for (Analysis<?> analysis : Analyses.all()) {
                assertThat(has(day, analysis)).as(analysis.name() + " has a state on " + day.day()).isTrue();
            }
            byte[] bytes = day.toBytes();
            assertThat(DayStates.fromBytes(bytes).toBytes()).isEqualTo(bytes);
        }
    }

    private static <S extends AnalysisState<S>> boolean has(DayStates day, Analysis<S> analysis) {
        return day.get(analysis) != null;
    }

    @Test
    void mergeIsCommutativeAndAssociative() throws IOException {
        List<PipelineRun.Frame> frames = traffic(2);
        List<List<PipelineRun.Frame>> parts = split(frames, 3, new SplittableRandom(2));
        DayStates a = run(parts.get(0), 1).get(0);
        DayStates b = run(parts.get(1), 2).get(0);
        DayStates c = run(parts.get(2), 1).get(0);
        byte[] ab = copy(a).merge(copy(b)).toBytes();
        byte[] ba = copy(b).merge(copy(a)).toBytes();
        assertThat(ab).isEqualTo(ba);
        byte[] abC = copy(a).merge(copy(b)).merge(copy(c)).toBytes();
        byte[] aBc = copy(a).merge(copy(b).merge(copy(c))).toBytes();
        assertThat(abC).isEqualTo(aBc);
    }

    @Test
    void aDaysStateIsTheSameHoweverItsPacketsWereCutAndOrdered() throws IOException {
        List<PipelineRun.Frame> frames = traffic(3);
        List<byte[]> whole = run(frames, 1).stream().map(DayStates::toBytes).toList();
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 6; trial++) {
            List<PipelineRun.Frame> shuffled = new ArrayList<>(frames);
            Collections.shuffle(shuffled, new Random(random.nextLong()));
            List<DayStates> merged = new ArrayList<>();
            for (List<PipelineRun.Frame> part : split(shuffled, 1 + random.nextInt(5), random)) {
                for (DayStates day : run(part, 1 + random.nextInt(3))) {
                    DayStates same = merged.stream().filter(d -> d.day().equals(day.day())).findFirst().orElse(null);
                    if (same == null) {
                        merged.add(day);
                    } else {
                        same.merge(day);
                    }
                }
            }
            merged.sort((x, y) -> x.day().compareTo(y.day()));
            assertThat(merged.stream().map(DayStates::toBytes).toList()).as("trial " + trial).containsExactlyElementsOf(whole);
        }
    }

    private static List<List<PipelineRun.Frame>> split(List<PipelineRun.Frame> frames, int parts, SplittableRandom random) {
        List<List<PipelineRun.Frame>> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(new ArrayList<>());
        }
        frames.forEach(f -> out.get(random.nextInt(parts)).add(f));
        return out;
    }
}
