package io.darkscope.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes capture files through a buffer of its own, so that a frame costs one array copy. */
public abstract class CaptureWriter implements Closeable {
    private final OutputStream out;
    private byte[] buffer = new byte[1 << 20];
    int position;

    CaptureWriter(OutputStream out) {
        this.out = out;
    }

    /** Appends one frame captured at {@code timestampNanos} on the file's first interface. */
    public abstract void write(long timestampNanos, byte[] frame, int offset, int capturedLength, int wireLength) throws IOException;

    /** Makes room for {@code bytes} more bytes and returns the buffer to write them into at {@link #position}. */
    final byte[] reserve(int bytes) throws IOException {
        if (buffer.length - position < bytes) {
            flushBuffer();
            if (buffer.length < bytes) {
                buffer = Arrays.copyOf(buffer, bytes);
            }
        }
        return buffer;
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
