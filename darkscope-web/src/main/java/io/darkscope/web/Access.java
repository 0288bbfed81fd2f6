package io.darkscope.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The token check: a request bears {@code Authorization: Bearer TOKEN}, or Basic credentials
 * whose password is the token (any user name), which is how a browser sends it after asking.
 * Compared in constant time: both sides are hashed and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the token's content nor its length leaks by timing.
 */
final class Access {
    private final byte[] expected;

    /** @param token the token, or null: every request is let in */
    Access(String token) {
        this.expected = token == null ? null : sha256(token);
    }

    boolean allows(String authorization) {
        if (expected == null) {
            return true;
        }
        String presented = presented(authorization);
        return presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    private static String presented(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? null : credentials.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
