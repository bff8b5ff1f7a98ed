package org.plugftpd.auth.puredb.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * {@link Libsodium.Binding} through JNA. The only class naming JNA types for libsodium, so a
 * missing JNA shows up as one NoClassDefFoundError when it is opened.
 */
final class JnaLibsodium implements Libsodium.Binding {

    /** crypto_pwhash_ALG_ARGON2ID13. */
    private static final int ALG_ARGON2ID13 = 2;
    private static final int HASH_BYTES = 32;

    private final String libraryName;
    private final Function verify;
    private final Function pwhash;

    private JnaLibsodium(String libraryName, Function verify, Function pwhash) {
        this.libraryName = libraryName;
        this.verify = verify;
        this.pwhash = pwhash;
    }

    static JnaLibsodium open(String... names) {
        if (Native.SIZE_T_SIZE != 8) {
            // crypto_pwhash takes a size_t, passed here as a Java long
            throw new UnsatisfiedLinkError("libsodium is only called on 64-bit platforms");
        }
        UnsatisfiedLinkError last = null;
        for (String name : names) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                if (library.getFunction("sodium_init").invokeInt(new Object[0]) < 0) {
                    throw new UnsatisfiedLinkError(name + ": sodium_init failed");
                }
                return new JnaLibsodium(name, library.getFunction("crypto_pwhash_str_verify"),
                        library.getFunction("crypto_pwhash"));
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw last != null ? last : new UnsatisfiedLinkError("no library name given");
    }

    @Override
    public String libraryName() {
        return libraryName;
    }

    @Override
    public boolean verify(String stored, byte[] password) {
        byte[] storedZ = Arrays.copyOf(stored.getBytes(StandardCharsets.ISO_8859_1), stored.length() + 1);
        try {
            return verify.invokeInt(new Object[] {storedZ, password, (long) password.length}) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public byte[] hashArgon2id(byte[] password, byte[] salt, long passes, long memoryBytes) {
        byte[] out = new byte[HASH_BYTES];
        try {
            return pwhash.invokeInt(new Object[] {out, (long) HASH_BYTES, password, (long) password.length, salt,
                passes, memoryBytes, ALG_ARGON2ID13}) == 0 ? out : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
