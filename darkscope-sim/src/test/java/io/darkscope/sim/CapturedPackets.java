package io.darkscope.sim;

import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.capture.FrameBatch;
import io.darkscope.decode.DecodeResult;
import io.darkscope.decode.PacketDecoder;
import io.darkscope.decode.PacketView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every IPv4 packet of a simulation's captures, read back with darkscope's decoder: what an analysis would see. */
final class CapturedPackets {
    /** The fields the tests look at; {@code flags} is -1 for other than TCP. */
    record Packet(long nanos, int src, int dst, int protocol, int srcPort, int dstPort, int ttl, int ipId, int flags, int seq,
                  int window, boolean laterFragment) {
    }

    private CapturedPackets() {
    }

    static List<Packet> read(Path simulation) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(simulation.resolve(Simulator.CAPTURES))) {
            files = s.sorted().toList();
        }
        List<Packet> packets = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        PacketView v = new PacketView();
        FrameBatch batch = new FrameBatch();
        for (Path f : files) {
            try (CaptureReader reader = Captures.open(f)) {
                while (reader.next(batch)) {
                    for (int i = 0; i < batch.count(); i++) {
                        DecodeResult r = decoder.decode(batch.linkType(i), batch.data(), batch.frameOffset(i), batch.capturedLength(i),
                                batch.wireLength(i), batch.timestampNanos(i), v);
                        if (r == DecodeResult.IP && v.isIpv4()) {
                            boolean tcp = v.protocol() == io.darkscope.decode.IpProtocol.TCP && !v.isLaterFragment();
                            packets.add(new Packet(batch.timestampNanos(i), v.src4(), v.dst4(), v.protocol(), v.srcPort(), v.dstPort(),
                                    v.ttl(), v.ipId(), tcp ? v.tcpFlags() : -1, tcp ? v.tcpSeq() : 0, tcp ? v.tcpWindow() : 0,
                                    v.isLaterFragment()));
                        }
                    }
                }
            }
        }
        return packets;
    }
}
