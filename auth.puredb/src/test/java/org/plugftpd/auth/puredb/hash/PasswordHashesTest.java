package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

/** Kinds, descriptions, working memory, and malformed or hostile stored hashes. */
public class PasswordHashesTest {

    private static final long MIB = 1024 * 1024;
    private static final String ARGON2ID_DEFAULT =
            "$argon2id$v=19$m=8192,t=255,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M";

    @Test
    public void kindOfEveryForeignHashOfTheVectors() throws Exception {
        Map<String, HashKind> expected = Map.ofEntries(
                Map.entry("bcrypt2y", HashKind.BCRYPT), Map.entry("bcrypt2b", HashKind.BCRYPT),
                Map.entry("bcrypt2a", HashKind.BCRYPT), Map.entry("sha512", HashKind.SHA512_CRYPT),
                Map.entry("sha512r", HashKind.SHA512_CRYPT), Map.entry("sha256", HashKind.SHA256_CRYPT),
                Map.entry("md5crypt", HashKind.MD5_CRYPT), Map.entry("apr1", HashKind.UNSUPPORTED),
                Map.entry("des", HashKind.DES_CRYPT), Map.entry("desperl", HashKind.DES_CRYPT),
                Map.entry("bsdi", HashKind.BSDI_CRYPT), Map.entry("yescrypt", HashKind.YESCRYPT),
                Map.entry("gostyes", HashKind.GOST_YESCRYPT), Map.entry("scryptx", HashKind.SCRYPT),
                Map.entry("scrypts", HashKind.SCRYPT), Map.entry("argon2id", HashKind.ARGON2ID),
                Map.entry("argon2i", HashKind.ARGON2I), Map.entry("argon2d", HashKind.UNSUPPORTED),
                Map.entry("argon2ids", HashKind.ARGON2ID), Map.entry("sunmd5", HashKind.SUN_MD5),
                Map.entry("nthash", HashKind.NT_HASH), Map.entry("md5hex", HashKind.UNSUPPORTED),
                Map.entry("plain", HashKind.UNSUPPORTED), Map.entry("empty", HashKind.UNSUPPORTED));
        int seen = 0;
        for (String[] row : Vectors.tsv("foreign-hashes.tsv", false)) {
            String hash = row.length > 3 ? row[3] : "";
            assertEquals(row[1], expected.get(row[1]), PasswordHashes.kind(hash));
            seen++;
        }
        assertEquals(expected.size(), seen);
    }

    @Test
    public void describeNamesKindAndCostButNeverTheStoredText() {
        assertEquals("argon2id (m=8192 KiB, t=255, p=1)", PasswordHashes.describe(ARGON2ID_DEFAULT));
        assertEquals("unsupported: empty password field", PasswordHashes.describe(""));
        assertEquals("unsupported: empty password field", PasswordHashes.describe(null));
        assertEquals("unsupported: locked account marker", PasswordHashes.describe("!$6$abc$def"));
        assertEquals("unsupported: argon2d is not accepted by libsodium",
                PasswordHashes.describe("$argon2d$v=19$m=4096,t=3,p=1$ZDczNDM1NGU0MjcxYTQ4Ng$ZVJVjjenIdd2vkCoF4KABw3ho5PwZr5K9buryjRKBIk"));
        String plain = PasswordHashes.describe("Alp-plain!9");
        assertTrue(plain, plain.startsWith("unsupported: not a hash format"));
        assertFalse(plain, plain.contains("Alp"));
        assertEquals("bcrypt (2y, cost 05)",
                PasswordHashes.describe("$2y$05$vgRxrNYTq9z4R0xhWg2TLu.Et7eDoNCPswCXA1cxQKTr9Jyz3Olo."));
        assertEquals("scrypt (N=2^14, r=32, p=1)",
                PasswordHashes.describe("$7$CU..../....UVGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo37"));
    }

    @Test
    public void workingMemoryOfEachFamily() {
        assertEquals(8 * MIB, PasswordHashes.workingMemory(ARGON2ID_DEFAULT));
        assertEquals(64 * MIB, PasswordHashes.workingMemory(
                "$argon2id$v=19$m=65536,t=2,p=1$4Nvy5w56/oH7ncCa/yVMmQ$g4TujkekMM0G2jMm62PT01/21l5JRwFvMMhe2GkM+sE"));
        // 21845 KiB rounds down to 21844 blocks (a multiple of 4 lanes' segments)
        assertEquals(21844 * 1024, PasswordHashes.workingMemory(argon2WithMemory("21845")));
        // scrypt: 128·r·N + 128·r·p
        assertEquals(128L * 32 * 16384 + 128 * 32, PasswordHashes.workingMemory(
                "$7$CU..../....UVGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo37"));
        // yescrypt j9T: N=4096, r=32
        assertEquals(16 * MIB, PasswordHashes.workingMemory(
                "$y$j9T$HPENLEVVspby8pNv4GjU5/$RxrhQrejp7ko1wTxod85nu4Vafkt9POWPXNfr88cna5"));
        assertEquals(64 * 1024, PasswordHashes.workingMemory("$1$pCqd9zUP$8XfTWWRhdAZSxfVJIXw761"));
        assertEquals(64 * 1024, PasswordHashes.workingMemory("Alp-plain!9"));
    }

    @Test
    public void absurdMemoryIsReportedAndRefusedWithoutAllocating() {
        String huge = argon2WithMemory("4294967295");
        assertEquals(HashKind.ARGON2ID, PasswordHashes.kind(huge));
        assertEquals(4294967292L * 1024, PasswordHashes.workingMemory(huge));
        assertFalse(PasswordHashes.verify("x".getBytes(StandardCharsets.US_ASCII), huge));
        assertTrue(PasswordHashes.describe(huge), PasswordHashes.describe(huge).contains("hard cap of 4096 MiB"));

        String justOverCap = argon2WithMemory(String.valueOf(4L * 1024 * 1024 + 4));
        assertFalse(PasswordHashes.verify("x".getBytes(StandardCharsets.US_ASCII), justOverCap));

        // scrypt with N=2^46 (character 'i'): 128·8·2^46 bytes
        String scryptHuge = "$7$i6..../....abcdefgh$" + "a".repeat(43);
        assertEquals(HashKind.SCRYPT, PasswordHashes.kind(scryptHuge));
        assertTrue(PasswordHashes.workingMemory(scryptHuge) > PasswordHashes.MAX_WORKING_MEMORY);
        assertFalse(PasswordHashes.verify("x".getBytes(StandardCharsets.US_ASCII), scryptHuge));

        // r near 2^30 and N=2^62: the product does not fit 64 bits
        assertEquals(Long.MAX_VALUE, ScryptFormat.workingMemory(62, (1L << 30) - 1, 1));
        assertEquals(Long.MAX_VALUE, ScryptFormat.workingMemory(63, 1, 1));
        assertEquals(128L * 8 * 16384 + 128 * 8, ScryptFormat.workingMemory(14, 8, 1));

        // yescrypt with N=2^40 (character 'b' = 39, plus the minimum 1)
        String yescryptHuge = "$y$jbT$HPENLEVVspby8pNv4GjU5/$RxrhQrejp7ko1wTxod85nu4Vafkt9POWPXNfr88cna5";
        assertTrue(PasswordHashes.workingMemory(yescryptHuge) > PasswordHashes.MAX_WORKING_MEMORY);
        assertFalse(PasswordHashes.verify("x".getBytes(StandardCharsets.US_ASCII), yescryptHuge));
    }

    @Test
    public void malformedHashesAreUnsupportedAndNeverVerify() {
        String[] malformed = {
            "$argon2id$v=19$m=8192,t=255,p=1$GQag+lHAQl/cQf7bJuLyzg", // truncated: no hash
            "$argon2id$v=19$m=8192,t=255,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47", // 1 mod 4
            "$argon2id$v=19$m=8192,t=255,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M==",
            "$argon2id$v=19$m=8192,t=255,p=1$GQag*lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M",
            "$argon2id$v=19$m=8192,t=99999999999,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M",
            "$argon2id$v=19$m=-1,t=3,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M",
            "$argon2id$v=19$m=8192,t=3,p=16777216$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M",
            "$argon2id$",
            "$2b$03$pYaoqBlSidT7T8yZb4oN.OFV3/C7lPasRVU8NfsI9dT.UlbwlECxq", // cost below 4
            "$2b$32$pYaoqBlSidT7T8yZb4oN.OFV3/C7lPasRVU8NfsI9dT.UlbwlECxq", // cost above 31
            "$2b$5$pYaoqBlSidT7T8yZb4oN.OFV3/C7lPasRVU8NfsI9dT.UlbwlECxq",
            "$2b$05$pYaoqBlSidT7T8yZb4oN.OFV3/C7lPasRVU8NfsI9dT.UlbwlECx", // truncated
            "$2$05$pYaoqBlSidT7T8yZb4oN.OFV3/C7lPasRVU8NfsI9dT.UlbwlECxq",
            "$6$rounds=999$dnp11YaEIP9D0H0Q$VFkxjZ4uQAdqFbeQtd.HUyNUh/xeRPmcIS7ckuQmswaGQqqO/6/xbFNDif80A8o/ZNzLeiA7XJBpYh1uD26Y7/",
            "$6$rounds=$abc$def",
            "$6$a:c$def",
            "$6$",
            "$1$",
            "$3$$835671941E97075D606FD0A40AE46C9D",
            "$3$$835671941e97075d606fd0a40ae46c9",
            "$7$",
            "$7$CU..../....UVGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo3", // 42 hash chars
            "$7$.U..../....UVGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo37", // N=1
            "$7$CU..../.....VGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo37".replace("/....", "....."), // p=0
            "$7$/U..../....UVGUbKt8pvw2SnRVgfRQd/$wYiPS0X/i7RN6/n5jNVoKJR.Q1HcvAsXmi/IW1Eqo37", // N=2, not 101 characters
            "$y$", "$y$j9T$$", "_J9..", "$md5", "$sha1$0$abc$def", "cM665OjABQ4z", "cM665OjABQ4z.!",
            "*", "!", "*LK*", "x", "3cab7784da5980e425b50ab0695e42ab", "Alp-plain!9", "$apr1$xY.Vgo1r$KjL1EikgiKeKYoaRAilFt1",
            "$", "$$", "$5", "\u00e9\u00e9\u00e9", " $6$LnD8LLS.8RwHG0YH$x",
            "$6$" + "a".repeat(PasswordHashes.MAX_STORED_LENGTH),
        };
        byte[] password = "Alp-plain!9".getBytes(StandardCharsets.US_ASCII);
        for (String stored : malformed) {
            assertEquals(stored, HashKind.UNSUPPORTED, PasswordHashes.kind(stored));
            assertFalse(stored, PasswordHashes.verify(password, stored));
            assertTrue(stored, PasswordHashes.describe(stored).startsWith("unsupported: "));
        }
        assertFalse(PasswordHashes.verify(null, ARGON2ID_DEFAULT));
        assertFalse(HashKind.UNSUPPORTED.available());
    }

    @Test
    public void randomGarbageNeverThrows() {
        Random random = new Random(1050);
        String[] prefixes = {"$argon2id$v=19$m=", "$argon2i$v=19$", "$7$", "$2b$05$", "$6$rounds=", "$5$", "$1$", "$3$$",
            "$y$", "$gy$", "$md5,rounds=", "_", "$sha1$", "", "$2x$04$"};
        String alphabet = "$=,./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+:!*\u00e9";
        byte[] password = "pw".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 3000; i++) {
            StringBuilder stored = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(120);
            for (int j = 0; j < length; j++) {
                stored.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = stored.toString();
            PasswordHashes.kind(s);
            PasswordHashes.describe(s);
            assertTrue(s, PasswordHashes.workingMemory(s) > 0);
            if (PasswordHashes.workingMemory(s) <= 64 * MIB) {
                assertFalse(s, PasswordHashes.verify(password, s));
            }
        }
    }

    @Test
    public void onlyTheBytesBeforeANulCountAsInPureFtpd() {
        String md5 = "$1$pCqd9zUP$8XfTWWRhdAZSxfVJIXw761";
        byte[] good = "Alp-md5crypt!9".getBytes(StandardCharsets.US_ASCII);
        byte[] withTail = new byte[good.length + 3];
        System.arraycopy(good, 0, withTail, 0, good.length);
        withTail[good.length + 1] = 'x';
        assertTrue(PasswordHashes.verify(good, md5));
        assertTrue(PasswordHashes.verify(withTail, md5));
    }

    @Test
    public void rawBytesAreHashedWithoutReencoding() {
        // the NT hash of byte 0xFC is that of U+00FC (libxcrypt widens bytes), unlike UTF-8 "ü"
        assertEquals("8bd6e4fb88e01009818749c5443ea712", CryptFormats.ntHash(new byte[] {(byte) 0xFC}));
        assertTrue(PasswordHashes.verify(new byte[] {(byte) 0xFC}, "$3$$8bd6e4fb88e01009818749c5443ea712"));
        assertFalse(PasswordHashes.verify("\u00fc".getBytes(StandardCharsets.UTF_8), "$3$$8bd6e4fb88e01009818749c5443ea712"));
    }

    private static String argon2WithMemory(String memoryKiB) {
        return ARGON2ID_DEFAULT.replace("m=8192", "m=" + memoryKiB);
    }
}
