package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/** Argon2Hasher: pure-pw's string format and tuning rules (spec/hashes.md §4.1). */
public class Argon2HasherTest {

    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=([0-9]+),t=([0-9]+),p=1\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
    private static final byte[] PASSWORD = "Alp-new!9".getBytes(StandardCharsets.UTF_8);

    @Test
    public void fixedCostHashHasPurePwsFormatAndVerifies() {
        String hash = Argon2Hasher.createWithCost(PASSWORD, 1024 * 1024, 2);
        Matcher m = FORMAT.matcher(hash);
        assertTrue(hash, m.matches());
        assertEquals("1024", m.group(1));
        assertEquals("2", m.group(2));
        assertEquals(16, Base64.getDecoder().decode(m.group(3)).length);
        assertEquals(32, Base64.getDecoder().decode(m.group(4)).length);
        assertTrue(PasswordHashes.verify(PASSWORD, hash));
        assertFalse(PasswordHashes.verify("Alp-new!9x".getBytes(StandardCharsets.UTF_8), hash));
        assertNotEquals("fresh salt every time", hash, Argon2Hasher.create(PASSWORD, 1024L * 1024, 2));
    }

    @Test
    public void memoryIsTotalDividedByConcurrentLoginsWithAFloor() {
        assertEquals(8L * 1024 * 1024, Argon2Hasher.memoryPerHash(8, 64L * 1024 * 1024));
        assertEquals(16L * 1024 * 1024, Argon2Hasher.memoryPerHash(4, 64L * 1024 * 1024));
        assertEquals(512L * 1024 * 1024, Argon2Hasher.memoryPerHash(16, 8192L * 1024 * 1024));
        assertEquals(22369621, Argon2Hasher.memoryPerHash(3, 64L * 1024 * 1024));
        assertEquals(8192, Argon2Hasher.memoryPerHash(1000, 64 * 1024));
        assertThrows(() -> Argon2Hasher.memoryPerHash(0, 64L * 1024 * 1024));
    }

    @Test
    public void timeTargetIsDividedAboveEightLoginsButNeverUnder250ms() {
        assertEquals(1000, Argon2Hasher.timeTargetMillis(1));
        assertEquals(1000, Argon2Hasher.timeTargetMillis(8));
        assertEquals(1000, Argon2Hasher.timeTargetMillis(15));
        assertEquals(500, Argon2Hasher.timeTargetMillis(16));
        assertEquals(333, Argon2Hasher.timeTargetMillis(24));
        assertEquals(250, Argon2Hasher.timeTargetMillis(32));
        assertEquals(250, Argon2Hasher.timeTargetMillis(1000));
    }

    @Test
    public void probingDoublesAndSumsUntilTheTargetIsSpent() {
        // a clock that advances 10 ms per pass hashed: 1+2+4+...+64 = 127 passes reach 1000 ms
        long[] now = {0};
        List<Long> probes = new ArrayList<>();
        long passes = Argon2Hasher.probePasses(1000, () -> now[0], probe -> {
            probes.add(probe);
            now[0] += 10 * probe;
        });
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L), probes);
        assertEquals(127, passes);

        // one pass already takes longer than the target
        long[] slow = {0};
        assertEquals(1, Argon2Hasher.probePasses(250, () -> slow[0], probe -> slow[0] += 5000));
    }

    @Test
    public void tunedHashUsesTheRulesAndVerifies() {
        // 64 KiB for 8 logins: the 8192-byte floor; the probing itself takes about 1 s
        String hash = Argon2Hasher.createTuned(PASSWORD, 8, 64 * 1024);
        Matcher m = FORMAT.matcher(hash);
        assertTrue(hash, m.matches());
        assertEquals("8", m.group(1));
        long passes = Long.parseLong(m.group(2));
        assertTrue(hash, passes >= 1 && Long.bitCount(passes + 1) == 1);
        assertTrue(PasswordHashes.verify(PASSWORD, hash));
    }

    @Test
    public void refusesCostsNoVerifierWouldTake() {
        assertThrows(() -> Argon2Hasher.createWithCost(PASSWORD, 8192, 0));
        assertThrows(() -> Argon2Hasher.createWithCost(PASSWORD, PasswordHashes.MAX_WORKING_MEMORY + 1024, 1));
        assertThrows(() -> Argon2Hasher.createTuned(PASSWORD, 0, 64L * 1024 * 1024));
    }

    private static void assertThrows(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("no IllegalArgumentException");
    }
}
