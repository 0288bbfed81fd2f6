package io.darkscope.decode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes, under any link type the decoder knows: it must not throw, and it must not read
 * past the captured length. The frame is decoded twice, alone in an array of its exact size
 * (a read past its end throws) and followed by other bytes (a read past its end could change
 * the result); both must agree. Seeds run in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW, LinkType.LOOP,
        LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.NFLOG, LinkType.LINUX_SLL2};

    @FuzzTest(maxDuration = "30s")
    void decodingArbitraryBytesNeverThrowsNorReadsPastTheFrame(FuzzedDataProvider data) {
        int linkType = LINK_TYPES[data.consumeInt(0, LINK_TYPES.length - 1)];
        byte[] frame = data.consumeRemainingAsBytes();
        PacketDecoder decoder = new PacketDecoder();
        PacketView exact = new PacketView();
        DecodeResult alone = decoder.decode(linkType, frame, 0, frame.length, frame.length, 0, exact);

        byte[] padded = Arrays.copyOf(frame, frame.length + 64);
        Arrays.fill(padded, frame.length, padded.length, (byte) 0x45);
        PacketView followed = new PacketView();
        DecodeResult withPadding = decoder.decode(linkType, padded, 0, frame.length, frame.length, 0, followed);

        assertThat(withPadding).isEqualTo(alone);
        if (alone == DecodeResult.IP) {
            assertThat(followed.protocol()).isEqualTo(exact.protocol());
            assertThat(followed.dstPort()).isEqualTo(exact.dstPort());
            assertThat(followed.transportCaptured()).isEqualTo(exact.transportCaptured()).isLessThanOrEqualTo(frame.length);
            assertThat(followed.tcpFlags()).isEqualTo(exact.tcpFlags());
        }
    }
}
