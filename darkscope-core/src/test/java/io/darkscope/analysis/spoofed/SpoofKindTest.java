package io.darkscope.analysis.spoofed;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.FrameBuilder;
import io.darkscope.decode.TcpFlags;
import io.darkscope.testing.PipelineRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each spoofed-looking kind on a packet crafted to have it, beside one crafted to miss it by one
 * field: what the per-day counts must say, packet by packet.
 */
class SpoofKindTest {
    private static final long T = 1_474_329_600L * 1_000_000_000L; // 2016-09-20T00:00Z
    private static final int DARKNET = 0xC6336400; // 198.51.100.0, the pipeline test's darknet
    private static final int SOURCE = 0x0B000001; // 11.0.0.1

    private final FrameBuilder frame = new FrameBuilder();
    private final List<PipelineRun.Frame> frames = new ArrayList<>();

    private void send(FrameBuilder f) {
        frames.add(new PipelineRun.Frame(T + 1_000_000L * frames.size(), f.build()));
    }

    private FrameBuilder syn(int source, int destination, int flags) {
        return frame.reset().ipv4(source, destination).ttl(64).ipId(1).tcp(4000, 80, 12345, 0, flags, 1024);
    }

    private DaySpoofed day() {
        List<DayStates> days = PipelineRun.run(frames, 2);
        assertThat(days).hasSize(1);
        return days.get(0).get(SpoofedAnalysis.INSTANCE);
    }

    private static long packets(DaySpoofed day, SpoofKind kind) {
        return day.packets[kind.ordinal()];
    }

    @Test
    void eachKindIsCountedAndTheNearMissIsNot() {
        send(syn(0x0B000000, DARKNET | 1, TcpFlags.SYN));          // source .0
        send(syn(0x0B0000FF, DARKNET | 1, TcpFlags.SYN));          // source .255
        send(syn(0x0B0000FE, DARKNET | 1, TcpFlags.SYN));          // .254: none
        send(syn(DARKNET | 9, DARKNET | 9, TcpFlags.SYN));         // LAND
        send(frame.reset().ipv4(SOURCE, DARKNET | 2).udp(0, 53));  // source port 0
        send(frame.reset().ipv4(SOURCE, DARKNET | 2).tcp(1, 0, 1, 0, TcpFlags.SYN, 1)); // destination port 0
        send(frame.reset().ipv4(SOURCE, DARKNET | 2).udp(1, 53));  // none
        send(syn(SOURCE, DARKNET | 3, TcpFlags.SYN).ttl(200));     // TTL 200
        send(syn(SOURCE, DARKNET | 3, TcpFlags.SYN).ttl(199));     // none
        int dst = DARKNET | 4;
        int seq = 777;
        send(frame.reset().ipv4(SOURCE, dst).ttl(255).ipId((dst ^ 80 ^ seq) & 0xffff).tcp(4000, 80, seq, 0, TcpFlags.SYN, 1024)); // masscan
        send(frame.reset().ipv4(SOURCE, dst).ttl(255).ipId((dst ^ 80 ^ seq) & 0xffff).tcp(4000, 80, seq, 1, TcpFlags.SYN | TcpFlags.ACK, 1)); // not a SYN scan
        send(syn(SOURCE, DARKNET | 5, 0x3f));                      // all six
        send(syn(SOURCE, DARKNET | 5, TcpFlags.SYN | TcpFlags.FIN | TcpFlags.PSH));
        send(syn(SOURCE, DARKNET | 5, TcpFlags.SYN | TcpFlags.RST));
        send(syn(SOURCE, DARKNET | 5, 0));                         // null scan
        send(syn(SOURCE, DARKNET | 5, TcpFlags.FIN));              // FIN scan: none
        send(frame.reset().ipv4(SOURCE, DARKNET | 6).fragment(1480, false).udp(1, 53));
        send(frame.reset().ipv4(SOURCE, DARKNET | 6).fragment(0, true).udp(1, 53)); // a first fragment: none
        DaySpoofed day = day();
        assertThat(packets(day, SpoofKind.SOURCE_NET_OR_BROADCAST)).isEqualTo(2);
        assertThat(packets(day, SpoofKind.SOURCE_EQUALS_DESTINATION)).isEqualTo(1);
        assertThat(packets(day, SpoofKind.PORT_ZERO)).isEqualTo(2);
        assertThat(packets(day, SpoofKind.HIGH_TTL)).as("TTL 200, and the SYN-ACK with masscan's IP ID").isEqualTo(2);
        assertThat(packets(day, SpoofKind.ALL_FLAGS)).isEqualTo(1);
        assertThat(packets(day, SpoofKind.SYN_FIN)).isEqualTo(1);
        assertThat(packets(day, SpoofKind.SYN_RST)).isEqualTo(1);
        assertThat(packets(day, SpoofKind.NO_FLAGS)).isEqualTo(1);
        assertThat(packets(day, SpoofKind.LATER_FRAGMENT)).isEqualTo(1);
        assertThat(day.sources[SpoofKind.SOURCE_NET_OR_BROADCAST.ordinal()].toArray()).containsExactly(0x0B000000, 0x0B0000FF);
        assertThat(day.sources[SpoofKind.HIGH_TTL.ordinal()].toArray()).containsExactly(SOURCE);
    }
}
