package org.plugftpd.auth.puredb.hash;

import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * New hashes as pure-pw makes them (spec/hashes.md §4.1): Argon2id, v=19, p=1, a 16-byte random
 * salt, a 32-byte hash, cost tuned by pure-pw's rules. Stateless and thread-safe.
 * <p>The passes are probed, and the hash computed, with the engine logins use on this host:
 * libsodium when it is there (then t comes out as Debian's pure-pw would choose it), else Bouncy
 * Castle, about a third as fast, which gives a lower t and keeps the login time at pure-pw's target.
 */
public final class Argon2Hasher {

    /** pure-pw's MIN_AUTH_MEMORY (libsodium's crypto_pwhash_MEMLIMIT_MIN). */
    public static final long MIN_MEMORY_BYTES = 8192;
    /** pure-pw's DEFAULT_TOTAL_AUTH_MEMORY: 64 MiB. */
    public static final long DEFAULT_TOTAL_MEMORY_BYTES = 64L * 1024 * 1024;
    /** pure-pw's DEFAULT_MAX_CONCURRENT_LOGINS. */
    public static final int DEFAULT_MAX_CONCURRENT_LOGINS = 8;

    static final long DEFAULT_TIME_MS = 1000;
    static final long MIN_TIME_MS = 250;
    static final int AUTH_CORES = 8;
    /** pure-pw's MIN_AUTH_OPS for Argon2id. */
    static final long MIN_PASSES = 1;

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Argon2Hasher() {
    }

    /**
     * pure-pw's tuning: memory = totalMemory / maxConcurrentLogins (at least 8192 bytes), passes
     * probed 1, 2, 4, … until their sum took the time target (1000 ms, divided when more than 8
     * concurrent logins, at least 250 ms). Takes about the time target to run.
     *
     * @throws IllegalArgumentException when maxConcurrentLogins < 1 or the memory per hash is
     *         over {@link PasswordHashes#MAX_WORKING_MEMORY}
     */
    public static String create(byte[] password, int maxConcurrentLogins, long totalMemoryBytes) {
        return createTuned(password, maxConcurrentLogins, totalMemoryBytes);
    }

    /**
     * A fixed cost, no probing: {@code m = memoryBytes / 1024} KiB (at least 8), {@code t = passes}.
     *
     * @throws IllegalArgumentException when passes < 1 or the memory is over {@link PasswordHashes#MAX_WORKING_MEMORY}
     */
    public static String create(byte[] password, long memoryBytes, int passes) {
        return createWithCost(password, memoryBytes, passes);
    }

    /** Same as {@link #create(byte[], int, long)}; a distinct name, since a call with two int literals is ambiguous between the two create methods. */
    public static String createTuned(byte[] password, int maxConcurrentLogins, long totalMemoryBytes) {
        long memoryBytes = memoryPerHash(maxConcurrentLogins, totalMemoryBytes);
        long targetMs = timeTargetMillis(maxConcurrentLogins);
        long memoryKiB = kibibytes(memoryBytes);
        byte[] probeSalt = new byte[SALT_BYTES];
        RANDOM.nextBytes(probeSalt);
        // probe with the engine logins will use here, as pure-pw does with the libsodium pure-ftpd links
        Libsodium.Binding libsodium = Libsodium.binding();
        ProbeHash probeHash = libsodium != null
                ? probe -> libsodium.hashArgon2id(password, probeSalt, probe, memoryKiB * 1024)
                : probe -> Argon2.hash(Argon2.TYPE_ID, password, probeSalt, new byte[0], new byte[0], 1, HASH_BYTES,
                        memoryKiB, probe);
        long passes = probePasses(targetMs, () -> System.nanoTime() / 1_000_000, probeHash);
        return createWithCost(password, memoryBytes, passes);
    }

    /** Same as {@link #create(byte[], long, int)}, under a name no call can confuse with the tuned one. */
    public static String createWithCost(byte[] password, long memoryBytes, long passes) {
        if (passes < MIN_PASSES || passes > Argon2Format.UINT32_MAX) {
            throw new IllegalArgumentException("argon2 passes must be between 1 and 2^32-1, not " + passes);
        }
        long memoryKiB = kibibytes(memoryBytes);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        // the same engine logins use: libsodium where installed (3 times faster), else Bouncy Castle
        Libsodium.Binding libsodium = Libsodium.binding();
        byte[] hash = libsodium != null ? libsodium.hashArgon2id(password, salt, passes, memoryKiB * 1024) : null;
        if (hash == null) {
            hash = Argon2.hash(Argon2.TYPE_ID, password, salt, new byte[0], new byte[0], 1, HASH_BYTES, memoryKiB,
                    passes);
        }
        return Argon2Format.format(memoryKiB, passes, 1, salt, hash);
    }

    /** spec/hashes.md §4.1 step 2: totalMemory / maxConcurrentLogins, raised to 8192 bytes. */
    public static long memoryPerHash(int maxConcurrentLogins, long totalMemoryBytes) {
        if (maxConcurrentLogins < 1) {
            throw new IllegalArgumentException("max concurrent logins must be at least 1, not " + maxConcurrentLogins);
        }
        return Math.max(totalMemoryBytes / maxConcurrentLogins, MIN_MEMORY_BYTES);
    }

    /** spec/hashes.md §4.1 step 3: 1000 ms, or 1000 / (C / 8) when C > 8, never below 250 ms. */
    public static long timeTargetMillis(int maxConcurrentLogins) {
        long target = DEFAULT_TIME_MS;
        if (maxConcurrentLogins > AUTH_CORES) {
            target = DEFAULT_TIME_MS / (maxConcurrentLogins / AUTH_CORES);
        }
        return Math.max(target, MIN_TIME_MS);
    }

    /** A hash run with a given number of passes. */
    interface ProbeHash {
        void run(long passes);
    }

    /** spec/hashes.md §4.1 step 4: hash with 1, 2, 4, … passes, summing them, until the clock says the target is spent. */
    static long probePasses(long targetMs, LongSupplier clockMillis, ProbeHash probeHash) {
        long probe = MIN_PASSES;
        long passes = 0;
        long start = clockMillis.getAsLong();
        // pure-pw doubles without bound; the cap only guards against a clock that never advances
        while (passes < Argon2Format.UINT32_MAX / 2) {
            probeHash.run(probe);
            passes += probe;
            probe *= 2;
            if (clockMillis.getAsLong() - start >= targetMs) {
                break;
            }
        }
        return Math.max(passes, MIN_PASSES);
    }

    private static long kibibytes(long memoryBytes) {
        if (memoryBytes > PasswordHashes.MAX_WORKING_MEMORY) {
            throw new IllegalArgumentException("argon2 memory per hash " + memoryBytes + " bytes is over the cap of "
                    + PasswordHashes.MAX_WORKING_MEMORY + " bytes");
        }
        return Math.max(memoryBytes, MIN_MEMORY_BYTES) / 1024;
    }
}
