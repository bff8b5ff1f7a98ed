package org.plugftpd.auth.puredb.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@link LibCrypt.Binding} through JNA: {@code crypt_rn} (libxcrypt) or, failing that,
 * {@code crypt_r}, each call with its own zeroed {@code struct crypt_data}. The only class that
 * names JNA types, so a missing JNA shows up as one NoClassDefFoundError when it is opened.
 */
final class JnaLibCrypt implements LibCrypt.Binding {

    /** Larger than struct crypt_data of libxcrypt (32 KiB) and of glibc's old libcrypt (128 KiB). */
    private static final int DATA_SIZE = 256 * 1024;

    private final String libraryName;
    private final Function cryptRn;
    private final Function cryptR;

    private JnaLibCrypt(String libraryName, Function cryptRn, Function cryptR) {
        this.libraryName = libraryName;
        this.cryptRn = cryptRn;
        this.cryptR = cryptR;
    }

    /** The first of {@code names} that loads and has crypt_rn or crypt_r. */
    static JnaLibCrypt open(String... names) {
        UnsatisfiedLinkError last = null;
        for (String name : names) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                Function rn = optionalFunction(library, "crypt_rn");
                Function r = rn == null ? library.getFunction("crypt_r") : null;
                return new JnaLibCrypt(name, rn, r);
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw last != null ? last : new UnsatisfiedLinkError("no library name given");
    }

    private static Function optionalFunction(NativeLibrary library, String name) {
        try {
            return library.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    @Override
    public String libraryName() {
        return libraryName;
    }

    @Override
    public String crypt(byte[] password, String setting) {
        byte[] phrase = Arrays.copyOf(password, password.length + 1);
        byte[] settingBytes = Arrays.copyOf(setting.getBytes(StandardCharsets.ISO_8859_1), setting.length() + 1);
        Memory data = new Memory(DATA_SIZE);
        try {
            data.clear();
            Pointer result = cryptRn != null
                    ? (Pointer) cryptRn.invoke(Pointer.class, new Object[] {phrase, settingBytes, data, DATA_SIZE})
                    : (Pointer) cryptR.invoke(Pointer.class, new Object[] {phrase, settingBytes, data});
            if (result == null) {
                return null;
            }
            String text = result.getString(0, StandardCharsets.ISO_8859_1.name());
            return text.startsWith("*") ? null : text;
        } catch (RuntimeException | LinkageError e) {
            return null;
        } finally {
            Arrays.fill(phrase, (byte) 0);
            data.clear();
            data.close();
        }
    }
}
