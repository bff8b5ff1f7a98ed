package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

/**
 * Native access when it cannot work: a library that is not there, and JNA missing from the class
 * path (as in OSGi when the optional com.sun.jna import is not wired). Verification then refuses
 * the libcrypt kinds, computes Argon2 in Java, and keeps working for the rest, without throwing.
 */
public class LibCryptLoadingTest {

    private static final String YESCRYPT = "$y$j9T$HPENLEVVspby8pNv4GjU5/$RxrhQrejp7ko1wTxod85nu4Vafkt9POWPXNfr88cna5";
    private static final String ARGON2ID =
            "$argon2id$v=19$m=4096,t=3,p=1$ZDczNDM1NGU0MjcxYTQ4Ng$L94YyDsI4AREsfEqwjHLB6/QdhuU1T1WwT8ZGO7M8cQ";
    private static final String SHA512 =
            "$6$LnD8LLS.8RwHG0YH$PT1tuxKVzLAj3zGYActErJar1FnapDTdznIs7AewdwiU3KCpFCEuUB3otyRgrr2vCW5hJh.bldzynNmDpz5fi0";

    @Test
    public void missingLibraryIsAnUnsatisfiedLinkErrorNamingIt() {
        try {
            JnaLibCrypt.open("libno-such-crypt.so.9");
            throw new AssertionError("opened a library that does not exist");
        } catch (UnsatisfiedLinkError e) {
            String reason = LibCrypt.reasonFor(e);
            assertTrue(reason, reason.contains("libno-such-crypt.so.9"));
        }
        assertTrue(LibCrypt.reasonFor(new NoClassDefFoundError("com/sun/jna/Function")).contains("JNA"));
    }

    @Test
    public void withoutJnaLibCryptKindsAreRefusedAndOthersStillVerify() throws Exception {
        URL[] withoutJna = {
            location(PasswordHashes.class), location(org.bouncycastle.crypto.generators.SCrypt.class),
            location(org.apache.commons.codec.digest.Sha2Crypt.class), location(org.slf4j.LoggerFactory.class),
        };
        try (URLClassLoader loader = new URLClassLoader(withoutJna, ClassLoader.getPlatformClassLoader())) {
            Class<?> hashes = loader.loadClass(PasswordHashes.class.getName());
            Class<?> kinds = loader.loadClass(HashKind.class.getName());
            Object yescrypt = kinds.getMethod("valueOf", String.class).invoke(null, "YESCRYPT");
            assertEquals(false, kinds.getMethod("available").invoke(yescrypt));
            byte[] yesPassword = "Alp-yescrypt!9".getBytes(StandardCharsets.UTF_8);
            assertEquals(false, hashes.getMethod("verify", byte[].class, String.class).invoke(null, yesPassword, YESCRYPT));
            String described = (String) hashes.getMethod("describe", String.class).invoke(null, YESCRYPT);
            assertTrue(described, described.contains("JNA"));
            byte[] shaPassword = "Alp-sha512!9".getBytes(StandardCharsets.UTF_8);
            assertEquals(true, hashes.getMethod("verify", byte[].class, String.class).invoke(null, shaPassword, SHA512));
            // no libsodium either: Argon2 in Java
            byte[] argonPassword = "Alp-argon2id!9".getBytes(StandardCharsets.UTF_8);
            assertEquals(true, hashes.getMethod("verify", byte[].class, String.class).invoke(null, argonPassword, ARGON2ID));
        }
        assertFalse("JNA really is on this test's own class path", LibCrypt.unavailableReason() != null);
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
