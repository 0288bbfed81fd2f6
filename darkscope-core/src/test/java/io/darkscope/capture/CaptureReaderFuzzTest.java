package io.darkscope.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any file: the readers either reject it as not a capture or read it to the end, reporting
 * damage as problems, never throwing. Seeds (small pcap and pcapng files) run in every build.
 */
class CaptureReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyFileIsRejectedOrReadWithoutThrowing(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".cap");
        try {
            Files.write(file, bytes);
            try (CaptureReader reader = Captures.open(file)) {
                FrameBatch batch = new FrameBatch(4096);
                long records = 0;
                while (reader.next(batch)) {
                    for (int i = 0; i < batch.count(); i++) {
                        assertThat(batch.frameOffset(i) + batch.capturedLength(i)).isLessThanOrEqualTo(batch.data().length);
                    }
                    records += batch.count();
                }
                assertThat(reader.records()).isEqualTo(records);
                assertThat(reader.identity().digest()).hasSize(16);
            } catch (CaptureFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        } finally {
            Files.delete(file);
        }
    }
}
