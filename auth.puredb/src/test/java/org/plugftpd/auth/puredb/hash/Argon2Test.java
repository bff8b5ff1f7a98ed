package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;

import org.bouncycastle.util.encoders.Hex;
import org.junit.Test;

/** The Argon2 wiring (Bouncy Castle, version 0x13, the three types) against RFC 9106's test vectors. */
public class Argon2Test {

    private static final byte[] RFC_PASSWORD = filled(32, 0x01);
    private static final byte[] RFC_SALT = filled(16, 0x02);
    private static final byte[] RFC_SECRET = filled(8, 0x03);
    private static final byte[] RFC_AD = filled(12, 0x04);

    @Test
    public void rfc9106Argon2d() {
        assertRfcVector(Argon2.TYPE_D, "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb");
    }

    @Test
    public void rfc9106Argon2i() {
        assertRfcVector(Argon2.TYPE_I, "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8");
    }

    @Test
    public void rfc9106Argon2id() {
        assertRfcVector(Argon2.TYPE_ID, "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    public void memoryIsRoundedDownToWholeSegmentsOfEveryLane() {
        assertEquals(8, Argon2.blocksUsed(8, 1));
        assertEquals(8, Argon2.blocksUsed(11, 1));
        assertEquals(12, Argon2.blocksUsed(12, 1));
        assertEquals(16, Argon2.blocksUsed(16, 2));
        assertEquals(16, Argon2.blocksUsed(23, 2));
        assertEquals(8192, Argon2.blocksUsed(8192, 1));
    }

    private static void assertRfcVector(int type, String expectedHex) {
        byte[] tag = Argon2.hash(type, RFC_PASSWORD, RFC_SALT, RFC_SECRET, RFC_AD, 4, 32, 32, 3);
        assertEquals(expectedHex, Hex.toHexString(tag));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

}
