package io.darkscope.analysis.backscatter;

import io.darkscope.analysis.DayStates;
import io.darkscope.analysis.traffic.TrafficAnalysis;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.classify.TrafficClass;
import io.darkscope.decode.TcpFlags;
import io.darkscope.testing.PipelineRun;
import io.darkscope.testing.PipelineRun.Frame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which packets are backscatter, and whose: the victim and its port, as Moore et al. read them. */
class BackscatterTest {
    private static final long T = 1_474_329_600L * 1_000_000_000L; // 2016-09-20T00:00Z
    private static final int DARKNET = 0xC6336400;

    private final FrameBuilder frame = new FrameBuilder();
    private final List<Frame> frames = new ArrayList<>();

    private void send(FrameBuilder f) {
        frames.add(new Frame(T + frames.size() * 1_000_000L, f.build()));
    }

    private static int[] victims(DayBackscatter day) {
        return Arrays.stream(DayBackscatter.sortedKeys(day.seconds)).mapToInt(DayBackscatter::victim).distinct().sorted().toArray();
    }

    @Test
    void packetsFallIntoScanBackscatterOrOtherAndIcmpErrorsNameTheVictimAndItsPort() {
        int victim = 0x5DB8D822; // 93.184.216.34
        send(frame.reset().ipv4(40, DARKNET).tcp(4000, 23, 0, 0, TcpFlags.SYN, 5000));
        send(frame.reset().ipv4(41, DARKNET).tcp(80, 5555, 1, 2, TcpFlags.SYN | TcpFlags.ACK, 29200));
        send(frame.reset().ipv4(42, DARKNET).tcp(80, 5555, 1, 2, TcpFlags.RST, 0));
        send(frame.reset().ipv4(43, DARKNET).udp(5000, 53));
        send(frame.reset().ipv4(44, DARKNET).icmp(8, 0));
        byte[] quote = new byte[28]; // the spoofed UDP packet to the victim's port 53
        quote[0] = 0x45;
        quote[9] = 17;
        ByteBuffer.wrap(quote).putInt(12, DARKNET | 3).putInt(16, victim).putShort(20, (short) 4444).putShort(22, (short) 53);
        send(frame.reset().ipv4(45, DARKNET | 3).icmp(3, 3).payload(quote));
        send(frame.reset().ipv4(46, DARKNET).tcp(80, 5555, 1, 2, 0x3f, 0)); // unicornscan: all six flags, no stack sends that
        DayStates day = PipelineRun.run(frames, 2).get(0);
        var traffic = day.get(TrafficAnalysis.INSTANCE);
        assertThat(traffic.classSources(TrafficClass.SCAN).ipv4().toArray()).containsExactly(40);
        assertThat(traffic.classSources(TrafficClass.BACKSCATTER).ipv4().toArray()).containsExactly(41, 42, 45);
        assertThat(traffic.classSources(TrafficClass.OTHER).ipv4().toArray()).containsExactly(43, 44, 46);
        DayBackscatter backscatter = day.get(BackscatterAnalysis.INSTANCE);
        assertThat(victims(backscatter)).containsExactly(41, 42, victim);
        assertThat(backscatter.ports.keySet().toLongArray()).contains(DayBackscatter.portKey(41, 80, 0), DayBackscatter.portKey(victim, 53, 0));
    }
}
