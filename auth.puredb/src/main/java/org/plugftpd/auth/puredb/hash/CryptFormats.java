package org.plugftpd.auth.puredb.hash;

import java.util.regex.Pattern;

import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The crypt(3) formats Debian's libxcrypt accepts (spec/hashes.md §1 step 3): crypt(password,
 * stored) must give back the stored string. The common ones are computed in Java (commons-codec,
 * Bouncy Castle) when the string has the canonical shape those libraries handle; a string
 * libxcrypt may still accept (odd salt characters, an empty salt) and the kinds without a Java
 * implementation go to {@link LibCrypt}. Stateless.
 */
final class CryptFormats {

    private static final String B64 = "[./0-9A-Za-z]";
    private static final Pattern SHA512 = Pattern.compile("\\$6\\$(rounds=[1-9][0-9]{3,8}\\$)?" + B64 + "{1,16}\\$" + B64 + "{86}");
    private static final Pattern SHA256 = Pattern.compile("\\$5\\$(rounds=[1-9][0-9]{3,8}\\$)?" + B64 + "{1,16}\\$" + B64 + "{43}");
    private static final Pattern MD5 = Pattern.compile("\\$1\\$" + B64 + "{1,8}\\$" + B64 + "{22}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abyx]\\$(0[4-9]|[12][0-9]|3[01])\\$" + B64 + "{53}");
    private static final Pattern NT = Pattern.compile("\\$3\\$\\$[0-9a-f]{32}");
    private static final Pattern DES = Pattern.compile(B64 + "{13}");
    private static final Pattern BIGCRYPT = Pattern.compile(B64 + "{13}(" + B64 + "{11})+");
    private static final Pattern BSDI = Pattern.compile("_" + B64 + "{19}");
    private static final Pattern YESCRYPT = Pattern.compile("\\$g?y\\$" + B64 + "+\\$" + B64 + "*\\$" + B64 + "{43}");
    private static final Pattern SHA1 = Pattern.compile("\\$sha1\\$[1-9][0-9]*\\$" + B64 + "{1,64}\\$" + B64 + "{28}");
    private static final Pattern SUN_MD5 = Pattern.compile("\\$md5[,$][./0-9A-Za-z$,=]*\\$" + B64 + "{22}");
    /** Salt characters libxcrypt's SHA/MD5 crypt takes beyond the alphabet (it refuses : ; * ! \ and blanks). */
    private static final String LOOSE_SALT = "(?!rounds=)[\\x21-\\x7e&&[^:;*!\\\\$]]";
    private static final Pattern LOOSE_SHA512 = Pattern.compile("\\$6\\$(rounds=[1-9][0-9]{3,8}\\$)?" + LOOSE_SALT + "{0,16}\\$" + B64 + "{86}");
    private static final Pattern LOOSE_SHA256 = Pattern.compile("\\$5\\$(rounds=[1-9][0-9]{3,8}\\$)?" + LOOSE_SALT + "{0,16}\\$" + B64 + "{43}");
    private static final Pattern LOOSE_MD5 = Pattern.compile("\\$1\\$" + LOOSE_SALT + "{0,8}\\$" + B64 + "{22}");

    private CryptFormats() {
    }

    static ParsedHash parse(String stored) {
        if (stored.startsWith("$6$")) {
            return salted(stored, HashKind.SHA512_CRYPT, SHA512, LOOSE_SHA512, pw -> Sha2Crypt.sha512Crypt(pw, stored));
        }
        if (stored.startsWith("$5$")) {
            return salted(stored, HashKind.SHA256_CRYPT, SHA256, LOOSE_SHA256, pw -> Sha2Crypt.sha256Crypt(pw, stored));
        }
        if (stored.startsWith("$1$")) {
            return salted(stored, HashKind.MD5_CRYPT, MD5, LOOSE_MD5, pw -> Md5Crypt.md5Crypt(pw, stored));
        }
        if (stored.startsWith("$2")) {
            return bcrypt(stored);
        }
        if (stored.startsWith("$3$")) {
            if (!NT.matcher(stored).matches()) {
                return ParsedHash.unsupported("malformed nt-hash (expected $3$$ and 32 lower-case hex digits)");
            }
            return ParsedHash.usable(HashKind.NT_HASH, HashKind.NT_HASH.label(), ParsedHash.SMALL_WORKING_MEMORY,
                    pw -> PasswordHashes.sameText("$3$$" + ntHash(pw), stored));
        }
        if (stored.startsWith("$y$") || stored.startsWith("$gy$")) {
            return yescrypt(stored);
        }
        if (stored.startsWith("$sha1$")) {
            return viaLibCrypt(stored, HashKind.SHA1_CRYPT, SHA1);
        }
        if (stored.startsWith("$md5")) {
            return viaLibCrypt(stored, HashKind.SUN_MD5, SUN_MD5);
        }
        if (stored.startsWith("_")) {
            return viaLibCrypt(stored, HashKind.BSDI_CRYPT, BSDI);
        }
        if (DES.matcher(stored).matches()) {
            return ParsedHash.usable(HashKind.DES_CRYPT, HashKind.DES_CRYPT.label(), ParsedHash.SMALL_WORKING_MEMORY,
                    pw -> PasswordHashes.sameText(UnixCrypt.crypt(pw, stored.substring(0, 2)), stored));
        }
        if (BIGCRYPT.matcher(stored).matches()) {
            return viaLibCrypt(stored, HashKind.BIGCRYPT, BIGCRYPT);
        }
        return ParsedHash.unsupported("not a hash format Pure-FTPd accepts (plain text, a bare hex digest or an unknown prefix)");
    }

    /** A crypt computed in Java from the password bytes and the stored string as setting. */
    private interface JavaCrypt {
        String crypt(byte[] password);
    }

    private static ParsedHash salted(String stored, HashKind kind, Pattern canonical, Pattern loose, JavaCrypt javaCrypt) {
        if (canonical.matcher(stored).matches()) {
            return ParsedHash.usable(kind, kind.label(), ParsedHash.SMALL_WORKING_MEMORY,
                    pw -> PasswordHashes.sameText(javaCrypt.crypt(pw), stored));
        }
        if (loose.matcher(stored).matches()) {
            // an empty salt or salt characters outside ./0-9A-Za-z: only libxcrypt itself says
            return ParsedHash.usable(kind, kind.label() + " (unusual salt, checked by libcrypt)",
                    ParsedHash.SMALL_WORKING_MEMORY, pw -> libCryptMatches(pw, stored));
        }
        return ParsedHash.unsupported("malformed " + kind.label() + " hash");
    }

    private static ParsedHash bcrypt(String stored) {
        if (!BCRYPT.matcher(stored).matches()) {
            return ParsedHash.unsupported("malformed bcrypt hash (expected $2a$, $2b$, $2x$ or $2y$, cost 04-31, 53 characters)");
        }
        if (stored.charAt(2) == 'x') {
            return viaLibCrypt(stored, HashKind.BCRYPT_X, BCRYPT);
        }
        String description = "bcrypt (" + stored.substring(1, 3) + ", cost " + stored.substring(4, 6) + ")";
        boolean variantA = stored.charAt(2) == 'a';
        return ParsedHash.usable(HashKind.BCRYPT, description, ParsedHash.SMALL_WORKING_MEMORY, pw -> {
            // libxcrypt's $2a$ changes the hash of some 8-bit passwords (its countermeasure for
            // the old sign-extension bug); Bouncy Castle does not, so those go to libcrypt
            if (variantA && hasEightBitByte(pw) && LibCrypt.isAvailable()) {
                return libCryptMatches(pw, stored);
            }
            return OpenBSDBCrypt.checkPassword(stored, pw);
        });
    }

    private static ParsedHash yescrypt(String stored) {
        HashKind kind = stored.startsWith("$gy$") ? HashKind.GOST_YESCRYPT : HashKind.YESCRYPT;
        if (!YESCRYPT.matcher(stored).matches()) {
            return ParsedHash.unsupported("malformed " + kind.label() + " hash");
        }
        long workingMemory = YescryptParameters.workingMemory(stored.substring(stored.indexOf('$', 1) + 1));
        if (workingMemory > PasswordHashes.MAX_WORKING_MEMORY) {
            return ParsedHash.refused(kind, kind.label(), "needs more memory than the hard cap of "
                    + PasswordHashes.MAX_WORKING_MEMORY / (1024 * 1024) + " MiB", workingMemory);
        }
        return ParsedHash.usable(kind, kind.label(), Math.max(workingMemory, ParsedHash.SMALL_WORKING_MEMORY),
                pw -> libCryptMatches(pw, stored));
    }

    private static ParsedHash viaLibCrypt(String stored, HashKind kind, Pattern shape) {
        if (!shape.matcher(stored).matches()) {
            return ParsedHash.unsupported("malformed " + kind.label() + " hash");
        }
        return ParsedHash.usable(kind, kind.label(), ParsedHash.SMALL_WORKING_MEMORY, pw -> libCryptMatches(pw, stored));
    }

    private static boolean libCryptMatches(byte[] password, String stored) {
        String computed = LibCrypt.crypt(password, stored);
        return computed != null && PasswordHashes.sameText(computed, stored);
    }

    private static boolean hasEightBitByte(byte[] password) {
        for (byte b : password) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** libxcrypt's NT hash: MD4 over the password with every byte widened to a little-endian 16-bit unit (no charset decoding). */
    static String ntHash(byte[] password) {
        byte[] wide = new byte[password.length * 2];
        for (int i = 0; i < password.length; i++) {
            wide[2 * i] = password[i];
        }
        MD4Digest md4 = new MD4Digest();
        md4.update(wide, 0, wide.length);
        byte[] digest = new byte[md4.getDigestSize()];
        md4.doFinal(digest, 0);
        StringBuilder hex = new StringBuilder(32);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
