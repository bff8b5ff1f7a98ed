package org.plugftpd.auth.puredb.hash;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 (RFC 9106, version 0x13) through Bouncy Castle's generator, with the block arithmetic
 * the hash strings and the memory gate need. (An engine of our own measured only 1.13 times
 * faster in JMH: not worth owning crypto code for; libsodium, when present, is three times
 * faster, see {@link Libsodium}.) Stateless and thread-safe; every call allocates its own memory.
 */
final class Argon2 {

    static final int TYPE_D = Argon2Parameters.ARGON2_d;
    static final int TYPE_I = Argon2Parameters.ARGON2_i;
    static final int TYPE_ID = Argon2Parameters.ARGON2_id;

    private static final int SYNC_POINTS = 4;

    private Argon2() {
    }

    /** The number of 1 KiB blocks Argon2 really uses for {@code memoryKiB} and {@code lanes} (RFC 9106 §3.2 step 3). */
    static long blocksUsed(long memoryKiB, int lanes) {
        long minimum = 2L * SYNC_POINTS * lanes;
        long blocks = Math.max(memoryKiB, minimum);
        return blocks / (SYNC_POINTS * (long) lanes) * (SYNC_POINTS * (long) lanes);
    }

    /**
     * The tag for the given inputs. The caller has checked the ranges (memory ≥ 8·lanes KiB and
     * small enough to allocate, passes ≥ 1, lanes ≥ 1, tag length ≥ 4).
     *
     * @throws IllegalArgumentException for more than 2^31-1 passes or KiB (Bouncy Castle takes ints;
     *         such a hash would run for days anyway)
     */
    static byte[] hash(int type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int lanes, int tagLength, long memoryKiB, long passes) {
        if (passes > Integer.MAX_VALUE || memoryKiB > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("argon2 t=" + passes + ", m=" + memoryKiB + " KiB is beyond this engine");
        }
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations((int) passes)
                .withMemoryAsKB((int) memoryKiB)
                .withParallelism(lanes)
                .withSalt(salt)
                .withSecret(secret)
                .withAdditional(associatedData)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[tagLength];
        generator.generateBytes(password, tag);
        return tag;
    }
}
