package org.plugftpd.auth.puredb.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a stored password hash the way Pure-FTPd 1.0.50 on Debian does (spec/hashes.md §1):
 * every kind it accepts, and only those. Thread-safe, stateless (the only shared state is the
 * lazily loaded libcrypt binding).
 * <p>To name a problem in a log line use {@link #describe(String)}: it gives the kind and its
 * cost, or why the hash can never match, and never repeats the stored text itself (a "hash" may
 * be a plain-text password).
 */
public final class PasswordHashes {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordHashes.class);

    /** Hard cap on the memory one verification may use; costlier hashes are refused outright. */
    public static final long MAX_WORKING_MEMORY = 4L * 1024 * 1024 * 1024;

    /** No hash format is longer; longer fields are refused before any parsing. */
    static final int MAX_STORED_LENGTH = 4096;

    private PasswordHashes() {
    }

    /** The kind of a stored hash string; never null (UNSUPPORTED for anything Pure-FTPd refuses, including null). */
    public static HashKind kind(String stored) {
        return parse(stored).kind();
    }

    /**
     * True when {@code password} (the raw bytes after "PASS ") matches {@code stored}. False for a
     * mismatch, an unsupported or malformed hash, a hash over {@link #MAX_WORKING_MEMORY}, or a
     * kind whose implementation is missing here (see {@link HashKind#available()}). Never throws
     * for bad input. Constant-time comparison. Like Pure-FTPd, which hands C strings to libsodium
     * and crypt(3), only the bytes before a first NUL count.
     */
    public static boolean verify(byte[] password, String stored) {
        if (password == null) {
            return false;
        }
        ParsedHash parsed = parse(stored);
        try {
            return parsed.matches(untilFirstNul(password));
        } catch (OutOfMemoryError e) {
            LOG.warn("not enough heap to verify a {} ({} bytes of working memory): login refused",
                    parsed.describe(), parsed.workingMemory());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("verifying a {} failed ({}): login refused", parsed.describe(), e.toString());
            return false;
        }
    }

    /**
     * Bytes of working memory a verification of {@code stored} needs (argon2: the m KiB it uses;
     * scrypt: 128·r·N + 128·r·p; yescrypt: 128·r·N; 64 KiB otherwise). May exceed
     * {@link #MAX_WORKING_MEMORY}: such hashes are refused, and the figure is what to log.
     */
    public static long workingMemory(String stored) {
        return parse(stored).workingMemory();
    }

    /**
     * One line for a log: the kind and its cost ("argon2id (m=8192 KiB, t=255, p=1)"), or
     * "unsupported: " and why ("empty password field", "argon2d is not accepted by libsodium",
     * "malformed bcrypt hash ..."), or why a known kind cannot be verified here. Never contains
     * the salt, the hash or any other part of the stored text beyond its parameters.
     */
    public static String describe(String stored) {
        return parse(stored).describe();
    }

    static ParsedHash parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return ParsedHash.unsupported("empty password field");
        }
        if (stored.length() > MAX_STORED_LENGTH) {
            return ParsedHash.unsupported("longer than any hash format (" + stored.length() + " characters)");
        }
        if (stored.startsWith("*") || stored.startsWith("!")) {
            return ParsedHash.unsupported("locked account marker");
        }
        if (stored.startsWith(Argon2Format.ARGON2ID_PREFIX) || stored.startsWith(Argon2Format.ARGON2I_PREFIX)) {
            return Argon2Format.parse(stored);
        }
        if (stored.startsWith("$argon2d$")) {
            return ParsedHash.unsupported("argon2d is not accepted by libsodium");
        }
        if (stored.startsWith(ScryptFormat.PREFIX)) {
            return ScryptFormat.parse(stored);
        }
        if (stored.startsWith("$apr1$")) {
            return ParsedHash.unsupported("Apache apr1-MD5 is not a crypt(3) format");
        }
        return CryptFormats.parse(stored);
    }

    /** Constant-time equality of two crypt strings (spec/hashes.md §1.1: different lengths never match). */
    static boolean sameText(String computed, String stored) {
        if (computed == null) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.ISO_8859_1),
                stored.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] untilFirstNul(byte[] password) {
        for (int i = 0; i < password.length; i++) {
            if (password[i] == 0) {
                return Arrays.copyOf(password, i);
            }
        }
        return password;
    }
}
