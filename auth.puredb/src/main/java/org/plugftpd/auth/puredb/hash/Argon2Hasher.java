package org.plugftpd.auth.puredb.hash;

/** New hashes as pure-pw makes them (spec/hashes.md §4.1): Argon2id, cost tuned by pure-pw's rules. */
public final class Argon2Hasher {
    private Argon2Hasher() {
    }

    /** pure-pw's tuning: memory = totalMemory / maxConcurrentLogins, passes probed against the time target. */
    public static String create(byte[] password, int maxConcurrentLogins, long totalMemoryBytes) {
        throw new UnsupportedOperationException("TODO hash helper");
    }

    /** A fixed cost, no probing. */
    public static String create(byte[] password, long memoryBytes, int passes) {
        throw new UnsupportedOperationException("TODO hash helper");
    }
}
