package org.plugftpd.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.plugftpd.auth.puredb.hash.Argon2Hasher;
import org.plugftpd.auth.puredb.hash.PasswordHashes;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * One Argon2id verification (a login's cost) at pure-pw's default cost (m=8192 KiB, t=255, a hash
 * made by Debian's pure-pw, from vectors/passwd) and at a cheap one (m=8192 KiB, t=3): this
 * project's verifier as a login runs it (libsodium where installed), the same without libsodium
 * (Bouncy Castle's generator), and libsodium called directly (the library Pure-FTPd links; that
 * benchmark fails where libsodium23 is not installed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(2)
public class Argon2VerifyBench {

    /** pure-pw's default user alquota of vectors/passwd/pureftpd.passwd, password Alp-quota!9. */
    private static final String PURE_PW_DEFAULT =
            "$argon2id$v=19$m=8192,t=255,p=1$GQag+lHAQl/cQf7bJuLyzg$PaU5gA1tLB31f1AJV2JOVbgqohIWjEMaNwKCDZOv47M";

    /** The libsodium verifier Pure-FTPd calls first (spec/hashes.md §1 step 1). */
    public interface Sodium extends Library {
        int sodium_init();

        int crypto_pwhash_str_verify(byte[] stored, byte[] password, long passwordLength);
    }

    @Param({"pure-pw-default", "cheap"})
    public String cost;

    private byte[] password;
    private String stored;
    private byte[] storedCString;
    private Sodium sodium;

    @Setup
    public void setUp() {
        password = "Alp-quota!9".getBytes(StandardCharsets.UTF_8);
        stored = cost.equals("cheap") ? Argon2Hasher.createWithCost(password, 8L * 1024 * 1024, 3) : PURE_PW_DEFAULT;
        if (!PasswordHashes.verify(password, stored)) {
            throw new IllegalStateException("the benchmark hash does not verify");
        }
        storedCString = (stored + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** What a login runs: libsodium through JNA where it is installed, else Bouncy Castle. */
    @Benchmark
    public boolean plugftpd() {
        return PasswordHashes.verify(password, stored);
    }

    /** The same on a host without libsodium: Bouncy Castle's Argon2BytesGenerator. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = "-Dplugftpd.hash.libsodium=false")
    public boolean plugftpdBouncyCastle() {
        return PasswordHashes.verify(password, stored);
    }

    @Benchmark
    public int libsodium() {
        if (sodium == null) {
            sodium = Native.load("libsodium.so.23", Sodium.class);
            sodium.sodium_init();
        }
        return sodium.crypto_pwhash_str_verify(storedCString, password, password.length);
    }
}
