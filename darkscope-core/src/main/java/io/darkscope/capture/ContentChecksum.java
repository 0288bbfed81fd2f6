package io.darkscope.capture;

import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A capture's 64-bit content checksum: CRC-32C and CRC-32 side by side. Both run on the CPU's
 * carry-less multiply, tens of GB/s, so identifying a capture costs nothing next to decoding it
 * (SHA-256 would cost more than the decoding on a small machine). It recognises a capture
 * ingested twice by accident; it is not meant to resist someone forging a collision.
 */
final class ContentChecksum implements Checksum {
    private final CRC32C castagnoli = new CRC32C();
    private final CRC32 ieee = new CRC32();

    @Override
    public void update(int b) {
        castagnoli.update(b);
        ieee.update(b);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        castagnoli.update(b, off, len);
        ieee.update(b, off, len);
    }

    @Override
    public long getValue() {
        return castagnoli.getValue() << 32 | ieee.getValue();
    }

    @Override
    public void reset() {
        castagnoli.reset();
        ieee.reset();
    }

    /** The value as 16 hex digits, as the ledger stores it. */
    String hex() {
        return HexFormat.of().toHexDigits(getValue());
    }
}
