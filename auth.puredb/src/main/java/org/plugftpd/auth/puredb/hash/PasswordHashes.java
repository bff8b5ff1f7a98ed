package org.plugftpd.auth.puredb.hash;

/**
 * Verifies a stored password hash the way Pure-FTPd 1.0.50 does (spec/hashes.md §1): every
 * kind it accepts, and only those. Thread-safe, stateless.
 */
public final class PasswordHashes {
    private PasswordHashes() {
    }

    /** The kind of a stored hash string; never null (UNSUPPORTED for anything Pure-FTPd refuses). */
    public static HashKind kind(String stored) {
        throw new UnsupportedOperationException("TODO hash helper");
    }

    /**
     * True when {@code password} (the raw bytes after "PASS ") matches {@code stored}. False for a
     * mismatch, an unsupported or malformed hash, or a kind whose implementation is missing here
     * (see {@link HashKind#available()}). Never throws for bad input. Constant-time comparison.
     */
    public static boolean verify(byte[] password, String stored) {
        throw new UnsupportedOperationException("TODO hash helper");
    }

    /** Bytes of working memory a verification of {@code stored} needs (argon2 m, scrypt 128·r·N; small constant otherwise). */
    public static long workingMemory(String stored) {
        throw new UnsupportedOperationException("TODO hash helper");
    }
}
