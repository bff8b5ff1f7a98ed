package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The crypt(3) kinds computed in Java against the platform's libcrypt (libxcrypt, always on
 * Debian): hashes libcrypt makes from random salts and random passwords (8-bit bytes, longer
 * than bcrypt's 72 and DES's 8) verify here, and a changed password does not. Also the kinds
 * only libcrypt verifies.
 */
public class LibCryptCompatibilityTest {

    private static final Random RANDOM = new Random(4433);

    @BeforeClass
    public static void libCryptIsThere() {
        assertTrue("libcrypt must load here: " + LibCrypt.unavailableReason(), LibCrypt.isAvailable());
    }

    @Test
    public void javaKindsAgreeWithLibCrypt() {
        List<String> disagreements = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            check(disagreements, HashKind.SHA512_CRYPT, "$6$" + salt(1 + RANDOM.nextInt(16)));
            check(disagreements, HashKind.SHA512_CRYPT, "$6$rounds=" + (1000 + RANDOM.nextInt(2000)) + "$" + salt(16));
            check(disagreements, HashKind.SHA256_CRYPT, "$5$" + salt(1 + RANDOM.nextInt(16)));
            check(disagreements, HashKind.SHA256_CRYPT, "$5$rounds=1234$" + salt(8));
            check(disagreements, HashKind.MD5_CRYPT, "$1$" + salt(1 + RANDOM.nextInt(8)));
            check(disagreements, HashKind.DES_CRYPT, salt(2));
            check(disagreements, HashKind.BCRYPT, "$2b$04$" + salt(22));
            check(disagreements, HashKind.BCRYPT, "$2y$04$" + salt(22));
            check(disagreements, HashKind.BCRYPT, "$2a$04$" + salt(22));
            check(disagreements, HashKind.NT_HASH, "$3$");
            check(disagreements, HashKind.SCRYPT, "$7$" + "2" + "/...." + "/...." + salt(RANDOM.nextInt(30)));
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    public void bcryptVariantAOfLibxcryptIsFollowedForEightBitPasswords() {
        // "\xff\xff\xa3": the case where libxcrypt's $2a$ differs from $2b$
        byte[] password = {(byte) 0xff, (byte) 0xff, (byte) 0xa3};
        String a = LibCrypt.crypt(password, "$2a$05$Sa8k2RKI8WONpKexSVyCUu");
        String b = LibCrypt.crypt(password, "$2b$05$Sa8k2RKI8WONpKexSVyCUu");
        assertFalse(a.substring(7).equals(b.substring(7)));
        assertTrue(PasswordHashes.verify(password, a));
        assertTrue(PasswordHashes.verify(password, b));
    }

    @Test
    public void unusualSaltsGoToLibCrypt() {
        byte[] password = "secret".getBytes(StandardCharsets.US_ASCII);
        for (String setting : new String[] {"$6$a#c$", "$6$$", "$5$$", "$1$$", "$1$a#c$"}) {
            String stored = LibCrypt.crypt(password, setting);
            assertNotNull(setting, stored);
            assertTrue(stored, PasswordHashes.verify(password, stored));
            assertFalse(stored, PasswordHashes.verify("Secret".getBytes(StandardCharsets.US_ASCII), stored));
        }
    }

    @Test
    public void libCryptOnlyKindsFromTheVectorsAndFreshOnes() throws Exception {
        byte[] password = "a long password of 20".getBytes(StandardCharsets.US_ASCII);
        String[][] settings = {
            {"YESCRYPT", "$y$j75$PrObEsAl"}, {"GOST_YESCRYPT", "$gy$j75$PrObEsAl"},
            {"SUN_MD5", "$md5,rounds=5$AuSDiaRe$"}, {"SUN_MD5", "$md5$AuSDiaRe$"}, {"BSDI_CRYPT", "_J9..FVtI"},
            {"SHA1_CRYPT", "$sha1$7$PrObEsAl$"}, {"BIGCRYPT", "PrObEsAlTxxxxxxxxxxxx"},
            {"BCRYPT_X", "$2x$04$PrObEsAlTPrObEsAlTPrOb"},
        };
        for (String[] setting : settings) {
            HashKind kind = HashKind.valueOf(setting[0]);
            assertTrue(kind + " available", kind.available());
            String stored = LibCrypt.crypt(password, setting[1]);
            assertNotNull(setting[1], stored);
            assertEquals(stored, kind, PasswordHashes.kind(stored));
            assertTrue(stored, PasswordHashes.verify(password, stored));
            assertFalse(stored, PasswordHashes.verify("A long password of 20".getBytes(StandardCharsets.US_ASCII), stored));
        }
        assertEquals(HashKind.BIGCRYPT, PasswordHashes.kind("cMp.xbQMBaTNQRRgHUyZ6NrUFOH12EevDAk"));
        assertEquals(HashKind.YESCRYPT, PasswordHashes.kind(Vectors.storedHashes().get("alyescrypt")));
        assertEquals(HashKind.GOST_YESCRYPT, PasswordHashes.kind(Vectors.storedHashes().get("algostyes")));
        assertEquals(HashKind.SUN_MD5, PasswordHashes.kind(Vectors.storedHashes().get("alsunmd5")));
        assertEquals(HashKind.BSDI_CRYPT, PasswordHashes.kind(Vectors.storedHashes().get("albsdi")));
    }

    private static void check(List<String> disagreements, HashKind kind, String setting) {
        byte[] password = password();
        String stored = LibCrypt.crypt(password, setting);
        if (stored == null) {
            disagreements.add(setting + ": libcrypt refused the setting");
            return;
        }
        byte[] other = password.clone();
        other[0] ^= 0x01;
        if (PasswordHashes.kind(stored) != kind) {
            disagreements.add(stored + ": kind " + PasswordHashes.kind(stored));
        } else if (!PasswordHashes.verify(password, stored)) {
            disagreements.add(stored + ": the password libcrypt hashed does not verify");
        } else if (PasswordHashes.verify(other, stored)) {
            disagreements.add(stored + ": a different password verifies");
        }
    }

    /** 1 to 100 bytes, none NUL (C strings), one in four with 8-bit bytes. */
    private static byte[] password() {
        byte[] password = new byte[1 + RANDOM.nextInt(100)];
        boolean eightBit = RANDOM.nextInt(4) == 0;
        for (int i = 0; i < password.length; i++) {
            password[i] = (byte) (eightBit ? 1 + RANDOM.nextInt(255) : 0x21 + RANDOM.nextInt(0x5e));
        }
        return password;
    }

    private static String salt(int length) {
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < length; i++) {
            salt.append(CryptAlphabet.CHARS.charAt(RANDOM.nextInt(64)));
        }
        return salt.toString();
    }
}
