package org.plugftpd.auth.puredb.pw;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plugftpd.auth.puredb.hash.Argon2Hasher;
import org.plugftpd.auth.puredb.hash.PasswordHashes;

/**
 * How a new argon2id hash is costed: pure-pw's tuning from -C and -M (spec/hashes.md §4.1), or the fixed cost
 * of the plugftpd variable {@value #VARIABLE} ({@code m=<KiB>,t=<passes>}, no timing of the machine), which wins
 * over -C/-M so scripts and tests get a known, cheap cost.
 * Immutable; thread-safe.
 */
final class HashCost {
    static final String VARIABLE = "PLUGFTPD_PW_COST";
    /** Argon2's least memory with one lane, in KiB. */
    static final long MIN_FIXED_KIB = Argon2Hasher.MIN_MEMORY_BYTES / 1024;
    /** The most memory a hash may need and still be verified by plugftpd, in KiB. */
    static final long MAX_FIXED_KIB = PasswordHashes.MAX_WORKING_MEMORY / 1024;

    private static final Pattern FIXED = Pattern.compile("m=([0-9]{1,13}),t=([0-9]{1,10})");

    private final long concurrentLogins;
    private final long totalMemoryBytes;
    private final long fixedMemoryKib;
    private final int fixedPasses;

    private HashCost(long concurrentLogins, long totalMemoryBytes, long fixedMemoryKib, int fixedPasses) {
        this.concurrentLogins = concurrentLogins;
        this.totalMemoryBytes = totalMemoryBytes;
        this.fixedMemoryKib = fixedMemoryKib;
        this.fixedPasses = fixedPasses;
    }

    /**
     * The cost for one command.
     *
     * @param fixed            the variable's value (empty or null = not set)
     * @param concurrentLogins -C, or null
     * @param totalMemoryBytes -M in bytes, or null
     * @throws PwFailure the variable is malformed, or -C/-M ask for more memory per hash than plugftpd can
     *                   verify (exit 1, like a bad option)
     */
    static HashCost choose(String fixed, Long concurrentLogins, Long totalMemoryBytes) throws PwFailure {
        if (fixed != null && !fixed.isEmpty()) {
            Matcher matcher = FIXED.matcher(fixed);
            long kib = matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
            long passes = matcher.matches() ? Long.parseLong(matcher.group(2)) : -1;
            if (kib < MIN_FIXED_KIB || kib > MAX_FIXED_KIB || passes < 1 || passes > Integer.MAX_VALUE) {
                throw new PwFailure(PwExitCodes.BAD_OPTION, VARIABLE + " must be m=<KiB>,t=<passes> with m from "
                        + MIN_FIXED_KIB + " to " + MAX_FIXED_KIB + " and t at least 1, not [" + fixed + "]");
            }
            return new HashCost(0, 0, kib, (int) passes);
        }
        long logins = concurrentLogins != null ? concurrentLogins : Argon2Hasher.DEFAULT_MAX_CONCURRENT_LOGINS;
        long total = totalMemoryBytes != null ? totalMemoryBytes : Argon2Hasher.DEFAULT_TOTAL_MEMORY_BYTES;
        long perHash = Argon2Hasher.memoryPerHash((int) Math.min(logins, Integer.MAX_VALUE), total);
        // refused before the password is typed: a bigger hash could never be verified here
        if (perHash > PasswordHashes.MAX_WORKING_MEMORY) {
            throw new PwFailure(PwExitCodes.BAD_OPTION, "memory reserved for password hashing is too high: "
                    + (perHash >> 20) + " MB per login attempt, at most " + (PasswordHashes.MAX_WORKING_MEMORY >> 20));
        }
        return new HashCost(logins, total, 0, 0);
    }

    boolean isFixed() {
        return fixedPasses > 0;
    }

    /**
     * The encoded hash of {@code password} (which the caller wipes).
     *
     * @throws PwFailure the hash could not be made, e.g. more memory than this JVM has (exit 255)
     */
    String hash(byte[] password) throws PwFailure {
        try {
            if (isFixed()) {
                return Argon2Hasher.create(password, fixedMemoryKib * 1024, fixedPasses);
            }
            int logins = (int) Math.min(concurrentLogins, Integer.MAX_VALUE);
            return Argon2Hasher.create(password, logins, totalMemoryBytes);
        } catch (RuntimeException | OutOfMemoryError e) {
            // one large allocation failing leaves the JVM usable; report it like any other failure
            String reason = e instanceof OutOfMemoryError ? "not enough memory for this cost (see -C, -M, "
                    + VARIABLE + ")" : String.valueOf(e.getMessage());
            throw new PwFailure(PwExitCodes.UNEXPECTED, "Unable to hash the password: " + reason);
        }
    }
}
