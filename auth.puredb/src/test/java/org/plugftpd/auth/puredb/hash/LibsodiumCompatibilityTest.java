package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Test;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Argon2 and scrypt strings judged by this package (its Java engine, and its public path, which
 * uses libsodium when present) and by the libsodium Pure-FTPd links (libsodium23, installed with
 * Debian's pure-ftpd): same verdict for well-formed, odd and malformed strings, and libsodium
 * accepts what Argon2Hasher writes.
 */
public class LibsodiumCompatibilityTest {

    /** The two verifiers of spec/hashes.md §1 steps 1 and 2; 0 means accepted. */
    public interface Sodium extends Library {
        int sodium_init();

        int crypto_pwhash_str_verify(byte[] stored, byte[] password, long passwordLength);

        int crypto_pwhash_scryptsalsa208sha256_str_verify(byte[] stored, byte[] password, long passwordLength);
    }

    private static final byte[] PASSWORD = "Alp-sodium!9".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SALT16 = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static Sodium sodium;

    @BeforeClass
    public static void loadLibsodium() {
        sodium = Native.load("libsodium.so.23", Sodium.class);
        assertTrue(sodium.sodium_init() >= 0);
    }

    @Test
    public void argon2StringsGetLibsodiumsVerdict() {
        Map<String, String> cases = new LinkedHashMap<>();
        String good = argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, SALT16, 32);
        cases.put("argon2id", good);
        cases.put("argon2i t=1", argon2("$argon2i$v=19$m=64,t=1,p=1$", Argon2.TYPE_I, 64, 1, 1, SALT16, 32));
        cases.put("argon2id p=3", argon2("$argon2id$v=19$m=72,t=2,p=3$", Argon2.TYPE_ID, 72, 2, 3, SALT16, 32));
        cases.put("m=9 rounds down", argon2("$argon2id$v=19$m=9,t=1,p=1$", Argon2.TYPE_ID, 9, 1, 1, SALT16, 32));
        cases.put("m=15 p=2 below 8p", argon2("$argon2id$v=19$m=15,t=1,p=2$", Argon2.TYPE_ID, 15, 1, 2, SALT16, 32));
        cases.put("salt 7 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, new byte[7], 32));
        cases.put("salt 8 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, new byte[8], 32));
        cases.put("salt 70 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, new byte[70], 32));
        cases.put("hash 15 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, SALT16, 15));
        cases.put("hash 16 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, SALT16, 16));
        cases.put("hash 100 bytes", argon2("$argon2id$v=19$m=64,t=1,p=1$", Argon2.TYPE_ID, 64, 1, 1, SALT16, 100));
        cases.put("no version", good.replace("$v=19", ""));
        cases.put("v=16", good.replace("v=19", "v=16"));
        cases.put("v=019", good.replace("v=19", "v=019"));
        cases.put("m=064", good.replace("m=64", "m=064"));
        cases.put("t=0", good.replace("t=1", "t=0"));
        cases.put("p=0", good.replace("p=1", "p=0"));
        cases.put("m over 32 bits", good.replace("m=64", "m=4294967296"));
        cases.put("parameters reordered", good.replace("m=64,t=1", "t=1,m=64"));
        cases.put("padding", good + "=");
        cases.put("trailing $", good + "$");
        cases.put("trailing text", good + "x");
        cases.put("no hash", good.substring(0, good.lastIndexOf('$')));
        cases.put("url-safe alphabet", good.replace('+', '-').replace('/', '_'));
        cases.put("upper-case prefix", good.replace("argon2id", "ARGON2ID"));
        cases.put("argon2d", argon2("$argon2d$v=19$m=64,t=1,p=1$", Argon2.TYPE_D, 64, 1, 1, SALT16, 32));
        cases.put("argon2i label on argon2id hash", good.replace("argon2id", "argon2i"));
        cases.put("non-zero trailing bits", nonCanonicalSalt(good));
        cases.put("data=", good.replace("p=1$", "p=1,data=AAAA$"));
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] stored = cString(c.getValue());
            boolean libsodium = sodium.crypto_pwhash_str_verify(stored, PASSWORD, PASSWORD.length) == 0;
            boolean javaEngine = verifyInJava(PASSWORD, c.getValue());
            boolean ours = PasswordHashes.verify(PASSWORD, c.getValue());
            if (libsodium != javaEngine || libsodium != ours) {
                disagreements.add(c.getKey() + ": libsodium " + libsodium + ", Java engine " + javaEngine
                        + ", PasswordHashes " + ours);
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(PasswordHashes.verify(PASSWORD, good));
    }

    @Test
    public void libsodiumIsUsedWhereItIsInstalled() {
        // installed with Debian's pure-ftpd, as on every machine these tests run on
        assertTrue(Libsodium.binding() != null);
        assertTrue(Libsodium.binding().hashArgon2id(PASSWORD, SALT16, 1, 8192) != null);
    }

    @Test
    public void javaEngineVerifiesARealPurePwHashAtTheDefaultCost() throws Exception {
        String alquota = Vectors.storedHashes().get("alquota");
        assertTrue(alquota, alquota.contains("m=8192,t=255,p=1"));
        assertTrue(verifyInJava("Alp-quota!9".getBytes(StandardCharsets.UTF_8), alquota));
    }

    @Test
    public void libsodiumAcceptsWhatArgon2HasherWrites() {
        String fixed = Argon2Hasher.createWithCost(PASSWORD, 8L * 1024 * 1024, 2);
        assertEquals(0, sodium.crypto_pwhash_str_verify(cString(fixed), PASSWORD, PASSWORD.length));
        assertEquals(-1, sodium.crypto_pwhash_str_verify(cString(fixed), "other".getBytes(StandardCharsets.US_ASCII), 5));
        // made by libsodium here; a host without it verifies with Bouncy Castle
        assertTrue(verifyInJava(PASSWORD, fixed));
        assertTrue(!verifyInJava("other".getBytes(StandardCharsets.US_ASCII), fixed));
        // 64 KiB shared by 8 logins: the 8 KiB floor, tuned against the 1 s target
        String tuned = Argon2Hasher.createTuned(PASSWORD, 8, 64 * 1024);
        assertTrue(tuned, tuned.startsWith("$argon2id$v=19$m=8,t="));
        assertEquals(0, sodium.crypto_pwhash_str_verify(cString(tuned), PASSWORD, PASSWORD.length));
    }

    @Test
    public void scryptStringsFromTheVectorsAndTheirVariantsGetLibsodiumsVerdict() throws Exception {
        Map<String, String> stored = Vectors.storedHashes();
        byte[] password = "Alp-scrypts!9".getBytes(StandardCharsets.UTF_8);
        String libsodiumHash = stored.get("alscrypts");
        assertEquals(0, sodium.crypto_pwhash_scryptsalsa208sha256_str_verify(cString(libsodiumHash), password, password.length));
        assertTrue(PasswordHashes.verify(password, libsodiumHash));
        String lastChanged = libsodiumHash.substring(0, 100) + (libsodiumHash.charAt(100) == '.' ? '/' : '.');
        assertEquals(-1, sodium.crypto_pwhash_scryptsalsa208sha256_str_verify(cString(lastChanged), password, password.length));
        assertEquals(false, PasswordHashes.verify(password, lastChanged));
    }

    /** Bouncy Castle alone, as where libsodium is missing. */
    private static boolean verifyInJava(byte[] password, String stored) {
        if (stored.startsWith(Argon2Format.ARGON2ID_PREFIX) || stored.startsWith(Argon2Format.ARGON2I_PREFIX)) {
            return Argon2Format.parse(stored, null).matches(password);
        }
        return PasswordHashes.verify(password, stored);
    }

    private static String argon2(String head, int type, long memoryKiB, long passes, int lanes, byte[] salt, int tagLength) {
        byte[] tag = Argon2.hash(type, PASSWORD, salt, new byte[0], new byte[0], lanes, tagLength, memoryKiB, passes);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return head + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
    }

    /** The salt's last Base64 character moved by one: the same bytes but non-zero unused bits. */
    private static String nonCanonicalSalt(String good) {
        int saltEnd = good.lastIndexOf('$');
        char last = good.charAt(saltEnd - 1);
        return good.substring(0, saltEnd - 1) + (char) (last + 1) + good.substring(saltEnd);
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }
}
