package io.darkscope.capture;

/**
 * What a capture is, whatever its name or compression: the checksum of its decompressed bytes
 * up to the end of its last complete record, and of their first {@link #PREFIX_BYTES} bytes.
 * A renamed or recompressed copy has the same identity; a capture that grew since it was read
 * starts with the identity it had then.
 *
 * @param length       decompressed bytes up to the end of the last complete record
 * @param digest       their 64-bit checksum ({@link ContentChecksum}), in hex
 * @param prefixLength the first bytes the prefix checksum covers: {@link #PREFIX_BYTES}, or all if fewer
 * @param prefixDigest their checksum, the key to look a capture up by
 */
public record CaptureIdentity(long length, String digest, int prefixLength, String prefixDigest) {
    /** The bytes of a capture's start that identify it for a first lookup. */
    public static final int PREFIX_BYTES = 1 << 16;
}
