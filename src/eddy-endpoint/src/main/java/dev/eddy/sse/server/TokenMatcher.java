package dev.eddy.sse.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented bearer token with the configured one in constant time: both are hashed
 * first, so neither their content nor the secret's length leaks through timing. Holds only the
 * digest of the secret; its {@link #toString()} reveals nothing.
 */
final class TokenMatcher {

    private final byte[] expectedDigest;

    TokenMatcher(String expectedToken) {
        this.expectedDigest = sha256(expectedToken);
    }

    boolean matches(String presentedToken) {
        if (presentedToken == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(presentedToken));
    }

    @Override
    public String toString() {
        return "TokenMatcher{***}";
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
