package org.plugftpd.auth.puredb.hash;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * The {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash} strings of libsodium 1.0.18, parsed with
 * the rules its verifier applies (checked against libsodium itself): version 19 required,
 * minimal decimals, m ≥ 8·p, salt ≥ 8 bytes, hash ≥ 16 bytes, standard Base64 without padding
 * and with zero trailing bits, nothing after the hash. Stateless.
 */
final class Argon2Format {

    static final String ARGON2ID_PREFIX = "$argon2id$";
    static final String ARGON2I_PREFIX = "$argon2i$";

    static final int MIN_SALT_BYTES = 8;
    static final int MIN_HASH_BYTES = 16;
    static final long MAX_LANES = (1 << 24) - 1;
    static final long UINT32_MAX = 0xFFFFFFFFL;

    private Argon2Format() {
    }

    static ParsedHash parse(String stored) {
        return parse(stored, Libsodium.binding());
    }

    /** With {@code libsodium} null, Bouncy Castle verifies; otherwise libsodium, after the same checks and cap. */
    static ParsedHash parse(String stored, Libsodium.Binding libsodium) {
        HashKind kind;
        int type;
        String rest;
        if (stored.startsWith(ARGON2ID_PREFIX)) {
            kind = HashKind.ARGON2ID;
            type = Argon2.TYPE_ID;
            rest = stored.substring(ARGON2ID_PREFIX.length());
        } else {
            kind = HashKind.ARGON2I;
            type = Argon2.TYPE_I;
            rest = stored.substring(ARGON2I_PREFIX.length());
        }
        String label = kind.label();
        String[] fields = rest.split("\\$", -1);
        if (fields.length != 4) {
            return ParsedHash.unsupported("malformed " + label + " hash (expected v=, parameters, salt and hash)");
        }
        if (!fields[0].equals("v=19")) {
            return ParsedHash.unsupported(label + " version other than v=19 (libsodium verifies only Argon2 1.3)");
        }
        String[] parameters = fields[1].split(",", -1);
        if (parameters.length != 3) {
            return ParsedHash.unsupported("malformed " + label + " parameters (expected m=,t=,p=)");
        }
        long memoryKiB = decimal(parameters[0], "m=");
        long passes = decimal(parameters[1], "t=");
        long lanes = decimal(parameters[2], "p=");
        if (memoryKiB < 0 || passes < 0 || lanes < 0) {
            return ParsedHash.unsupported("malformed " + label + " parameters (m=, t=, p= must be decimal 32-bit numbers)");
        }
        if (passes < 1 || lanes < 1 || lanes > MAX_LANES || memoryKiB < 8 * lanes) {
            return ParsedHash.unsupported(label + " parameters out of range (t >= 1, 1 <= p < 2^24, m >= 8*p)");
        }
        byte[] salt = base64(fields[2]);
        byte[] hash = base64(fields[3]);
        if (salt == null || hash == null) {
            return ParsedHash.unsupported("malformed " + label + " salt or hash (standard Base64 without padding expected)");
        }
        if (salt.length < MIN_SALT_BYTES || hash.length < MIN_HASH_BYTES) {
            return ParsedHash.unsupported(label + " salt shorter than 8 bytes or hash shorter than 16 bytes");
        }
        String description = label + " (m=" + memoryKiB + " KiB, t=" + passes + ", p=" + lanes + ")";
        long workingMemory = Argon2.blocksUsed(memoryKiB, (int) lanes) * 1024;
        if (workingMemory > PasswordHashes.MAX_WORKING_MEMORY) {
            return ParsedHash.refused(kind, description, "needs more memory than the hard cap of "
                    + PasswordHashes.MAX_WORKING_MEMORY / (1024 * 1024) + " MiB", workingMemory);
        }
        if (libsodium != null) {
            return ParsedHash.usable(kind, description, workingMemory, password -> libsodium.verify(stored, password));
        }
        int tagLength = hash.length;
        return ParsedHash.usable(kind, description, workingMemory, password -> {
            byte[] computed = Argon2.hash(type, password, salt, new byte[0], new byte[0], (int) lanes, tagLength,
                    memoryKiB, passes);
            return MessageDigest.isEqual(computed, hash);
        });
    }

    /** {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} as libsodium writes it. */
    static String format(long memoryKiB, long passes, int lanes, byte[] salt, byte[] hash) {
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return ARGON2ID_PREFIX + "v=19$m=" + memoryKiB + ",t=" + passes + ",p=" + lanes + "$"
                + encoder.encodeToString(salt) + "$" + encoder.encodeToString(hash);
    }

    /** The value of {@code name<digits>}, or -1 when it is not a minimal decimal that fits 32 bits unsigned. */
    private static long decimal(String field, String name) {
        if (!field.startsWith(name)) {
            return -1;
        }
        String digits = field.substring(name.length());
        if (digits.isEmpty() || digits.length() > 10 || (digits.charAt(0) == '0' && digits.length() > 1)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= UINT32_MAX ? value : -1;
    }

    /** Strict decoding: the text must be exactly what encoding the bytes gives back. */
    private static byte[] base64(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean member = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!member) {
                return null;
            }
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
