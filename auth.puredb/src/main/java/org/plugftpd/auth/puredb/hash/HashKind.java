package org.plugftpd.auth.puredb.hash;

/**
 * The kinds of stored password hash Pure-FTPd 1.0.50 on Debian accepts (libsodium's Argon2 and
 * scrypt, then libxcrypt's crypt(3)), plus {@link #UNSUPPORTED} for everything it refuses.
 * Kinds marked "libcrypt" are verified only through the platform's libcrypt (libxcrypt, via JNA);
 * {@link #available()} says whether that works in this JVM.
 */
public enum HashKind {
    /** {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash} (libsodium; what pure-pw writes). */
    ARGON2ID("argon2id", false),
    /** {@code $argon2i$v=19$...} (libsodium). */
    ARGON2I("argon2i", false),
    /** {@code $7$}: scrypt in escrypt's encoding (libsodium and libxcrypt). */
    SCRYPT("scrypt", false),
    /** {@code $2a$}, {@code $2b$}, {@code $2y$}: bcrypt. */
    BCRYPT("bcrypt", false),
    /** {@code $6$}: SHA-512-crypt, optionally with {@code rounds=}. */
    SHA512_CRYPT("sha512-crypt", false),
    /** {@code $5$}: SHA-256-crypt. */
    SHA256_CRYPT("sha256-crypt", false),
    /** {@code $1$}: MD5-crypt. */
    MD5_CRYPT("md5-crypt", false),
    /** 13 characters: traditional DES crypt; only the first 8 password bytes count. */
    DES_CRYPT("des-crypt", false),
    /** {@code $3$$<32 hex>}: NT hash (MD4 of the password widened to 16 bits per byte). */
    NT_HASH("nt-hash", false),
    /** {@code $y$}: yescrypt (libcrypt). */
    YESCRYPT("yescrypt", true),
    /** {@code $gy$}: gost-yescrypt (libcrypt). */
    GOST_YESCRYPT("gost-yescrypt", true),
    /** {@code $md5,rounds=..$} or {@code $md5$}: Sun MD5 (libcrypt). */
    SUN_MD5("sun-md5", true),
    /** {@code _} + 19 characters: BSDi extended DES (libcrypt). */
    BSDI_CRYPT("bsdi-crypt", true),
    /** {@code $sha1$}: NetBSD's PBKDF1-SHA1 crypt (libcrypt). */
    SHA1_CRYPT("sha1-crypt", true),
    /** 13 + 11·k characters: HP-UX bigcrypt, DES over each 8 bytes (libcrypt). */
    BIGCRYPT("bigcrypt", true),
    /** {@code $2x$}: bcrypt with the pre-2011 sign-extension bug (libcrypt). */
    BCRYPT_X("bcrypt-x", true),
    /** Anything Pure-FTPd refuses: empty, locked ({@code *}, {@code !}), plain text, hex digests, argon2d, apr1, malformed. */
    UNSUPPORTED("unsupported", false);

    private final String label;
    private final boolean needsLibCrypt;

    HashKind(String label, boolean needsLibCrypt) {
        this.label = label;
        this.needsLibCrypt = needsLibCrypt;
    }

    /** False when this JVM cannot verify the kind (for example libcrypt missing for yescrypt); always false for UNSUPPORTED. */
    public boolean available() {
        if (this == UNSUPPORTED) {
            return false;
        }
        return !needsLibCrypt || LibCrypt.supports(this);
    }

    /** Short lower-case name for log lines, e.g. {@code argon2id}, {@code sha512-crypt}. */
    public String label() {
        return label;
    }

    /** True for the kinds only the platform's libcrypt verifies. */
    public boolean needsLibCrypt() {
        return needsLibCrypt;
    }

    String missingSupport() {
        String reason = LibCrypt.unavailableReason();
        return reason != null ? reason : "the platform's libcrypt does not compute " + label + " hashes";
    }
}
