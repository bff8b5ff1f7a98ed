package org.plugftpd.auth.puredb.hash;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt's {@code $7$} strings (spec/hashes.md §1 step 2): {@code $7$}, log2(N) in one character,
 * r and p in five characters each (30 bits, little-endian), the salt text, {@code $}, 43
 * characters of hash. Pure-FTPd tries libsodium (which wants exactly 101 characters) and then
 * libxcrypt's crypt (any salt length, salt characters from the crypt alphabet or {@code $},
 * N ≥ 4); a string either accepts is accepted here. The salt text itself is scrypt's salt.
 * Stateless.
 */
final class ScryptFormat {

    static final String PREFIX = "$7$";

    private static final int PARAMETERS_END = 14;
    private static final int HASH_CHARS = 43;
    private static final int HASH_BYTES = 32;
    private static final int LIBSODIUM_LENGTH = 101;
    /** libxcrypt's output buffer (384) must hold the setting, '$', the hash and a NUL. */
    private static final int LIBXCRYPT_MAX_LENGTH = 384 - 1 - HASH_CHARS - 1;

    private ScryptFormat() {
    }

    static ParsedHash parse(String stored) {
        int hashStart = stored.lastIndexOf('$') + 1;
        if (stored.length() < PARAMETERS_END + 1 + HASH_CHARS || hashStart <= PARAMETERS_END
                || stored.length() - hashStart != HASH_CHARS || !CryptAlphabet.allMembers(stored, hashStart, stored.length())) {
            return ParsedHash.unsupported("malformed scrypt hash (expected $7$, 11 parameter characters, salt, $ and 43 hash characters)");
        }
        int log2N = CryptAlphabet.value(stored.charAt(3));
        long r = CryptAlphabet.decodeLittleEndian(stored, 4, 5);
        long p = CryptAlphabet.decodeLittleEndian(stored, 9, 5);
        if (log2N < 1 || r < 1 || p < 1 || r * p >= 1L << 30) {
            return ParsedHash.unsupported("scrypt parameters out of range (N >= 2, r >= 1, p >= 1, r*p < 2^30)");
        }
        String salt = stored.substring(PARAMETERS_END, hashStart - 1);
        boolean libsodiumForm = stored.length() == LIBSODIUM_LENGTH && printableAscii(salt);
        boolean libxcryptForm = log2N >= 2 && stored.length() <= LIBXCRYPT_MAX_LENGTH && cryptSaltText(salt);
        if (!libsodiumForm && !libxcryptForm) {
            return ParsedHash.unsupported("scrypt salt neither libsodium's (101 characters in all) nor crypt's (alphabet ./0-9A-Za-z)");
        }
        String description = "scrypt (N=2^" + log2N + ", r=" + r + ", p=" + p + ")";
        long workingMemory = workingMemory(log2N, r, p);
        if (workingMemory > PasswordHashes.MAX_WORKING_MEMORY) {
            return ParsedHash.refused(HashKind.SCRYPT, description, "needs more memory than the hard cap of "
                    + PasswordHashes.MAX_WORKING_MEMORY / (1024 * 1024) + " MiB", workingMemory);
        }
        int n = 1 << log2N;
        byte[] saltBytes = salt.getBytes(StandardCharsets.ISO_8859_1);
        String settingAndSalt = stored.substring(0, hashStart);
        return ParsedHash.usable(HashKind.SCRYPT, description, workingMemory, password -> {
            byte[] key;
            try {
                key = SCrypt.generate(password, saltBytes, n, (int) r, (int) p, HASH_BYTES);
            } catch (IllegalArgumentException e) {
                // Bouncy Castle keeps RFC 7914's N < 2^(16r) and an int bound on p; escrypt does not
                String viaLibCrypt = libxcryptForm ? LibCrypt.crypt(password, stored) : null;
                return viaLibCrypt != null && PasswordHashes.sameText(viaLibCrypt, stored);
            }
            String computed = settingAndSalt + CryptAlphabet.encodeLittleEndian(key);
            return PasswordHashes.sameText(computed, stored);
        });
    }

    /** 128·r·N for the big array plus 128·r·p for the blocks being mixed; Long.MAX_VALUE past 63 bits. */
    static long workingMemory(int log2N, long r, long p) {
        if (log2N > 62) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.addExact(Math.multiplyExact(128 * r, 1L << log2N), 128 * r * p);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean cryptSaltText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '$' && !CryptAlphabet.isMember(c)) {
                return false;
            }
        }
        return true;
    }
}
