package io.darkscope.capture;

import com.github.luben.zstd.ZstdInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * A capture's bytes, decompressed if they are gzip or zstd: a file, or a stream (standard input,
 * a pipe) that is read as it arrives.
 */
final class CaptureSource implements Closeable {
    private static final int GZIP_MAGIC = 0x1f8b;
    private static final int ZSTD_MAGIC = 0x28b52ffd;

    private final FileChannel channel;
    private final InputStream stream;
    private final String compression;

    CaptureSource(Path file) throws IOException {
        this(FileChannel.open(file, StandardOpenOption.READ), null);
    }

    /** A stream: its records are handed on as they arrive, not once a buffer is full. */
    CaptureSource(InputStream stored) throws IOException {
        this(null, stored);
    }

    private CaptureSource(FileChannel channel, InputStream streamed) throws IOException {
        this.channel = channel;
        InputStream stored = channel != null ? Channels.newInputStream(channel) : streamed;
        try {
            PushbackInputStream peek = new PushbackInputStream(stored, 4);
            byte[] head = peek.readNBytes(4);
            peek.unread(head);
            int magic = head.length == 4 ? ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff) : 0;
            if ((magic >>> 16) == GZIP_MAGIC) {
                compression = "gzip";
                stream = decompressor(() -> new GZIPInputStream(peek, 1 << 16));
            } else if (magic == ZSTD_MAGIC) {
                compression = "zstd";
                stream = decompressor(() -> new ZstdInputStream(peek));
            } else {
                compression = "";
                stream = peek;
            }
        } catch (IOException e) {
            stored.close();
            throw e;
        }
    }

    /** Opening a decompressor reads its header: damage there means the file is not a capture we can read. */
    private InputStream decompressor(Opener opener) throws IOException {
        try {
            return opener.open();
        } catch (IOException e) {
            throw new CaptureFormatException(compression + " header damaged: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    /** Bytes of the file as stored (compressed, if it is) read so far. */
    long storedBytesRead() {
        try {
            return channel != null && channel.isOpen() ? channel.position() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether this is a stream, whose reader must not wait for more bytes than have arrived. */
    boolean streaming() {
        return channel == null;
    }

    /** The decompressed capture bytes. */
    InputStream stream() {
        return stream;
    }

    /** "gzip", "zstd", or empty. */
    String compression() {
        return compression;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
