package io.darkscope.flink;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureReader;
import io.darkscope.capture.Captures;
import io.darkscope.ingest.IngestInput;
import io.darkscope.pipeline.PacketPipeline;
import io.darkscope.pipeline.SourceTally;
import io.darkscope.store.IngestedFile;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Capture files as the bounded job reads them: one split per file, each file read whole by the
 * task that has it, through a packet pipeline of its own, into one {@link Part}: the day states
 * of its packets and its ledger row, as {@code darkscope ingest} writes them. A checkpoint taken
 * while a file is being read holds nothing of it, so a restore reads that file again from its
 * start; one taken after holds all of it. Files are read from a local or shared (mounted) path.
 */
final class CaptureFormat implements BulkFormat<byte[], FileSourceSplit> {
    private final JobSettings settings;

    CaptureFormat(JobSettings settings) {
        this.settings = settings;
    }

    /** @param config the task manager's configuration */
    @Override
    public Reader<byte[]> createReader(Configuration config, FileSourceSplit split) {
        return new WholeFile(split, JobSettings.taskMemory(config), false);
    }

    @Override
    public Reader<byte[]> restoreReader(Configuration config, FileSourceSplit split) {
        boolean emitted = split.getReaderPosition().map(p -> p.getRecordsAfterOffset() > 0).orElse(false);
        return new WholeFile(split, JobSettings.taskMemory(config), emitted);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }

    /** Reads its file in one batch of one record. */
    private final class WholeFile implements Reader<byte[]> {
        private final FileSourceSplit split;
        private final long memory;
        private boolean done;

        WholeFile(FileSourceSplit split, long memory, boolean done) {
            this.split = split;
            this.memory = memory;
            this.done = done;
        }

        @Override
        public RecordIterator<byte[]> readBatch() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            SingletonResultIterator<byte[]> part = new SingletonResultIterator<>();
            part.set(read(Path.of(split.path().toUri()), memory).toBytes(), CheckpointedPosition.NO_OFFSET, 1);
            return part;
        }

        @Override
        public void close() {
        }
    }

    private Part read(Path file, long memory) throws IOException {
        String name = IngestInput.of(file).name();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        try (CaptureReader reader = Captures.open(file);
             PacketPipeline pipeline = PacketPipeline.builder(settings.registry(), settings.zoneId()).workers(settings.workers())
                     .memory(memory).build()) {
            SourceTally tally = new SourceTally();
            pipeline.submitAll(reader, tally, () -> { });
            List<DayStates> days = pipeline.flush();
            IngestedFile row = IngestedFile.read(name, size, attributes.lastModifiedTime().toInstant(), reader, 0, null).counted(tally);
            return new Part(days, List.of(), row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + file);
        } catch (IOException e) {
            return new Part(List.of(), List.of(), IngestedFile.rejected(name, size, attributes.lastModifiedTime().toInstant(),
                    Captures.describe(e)));
        }
    }
}
