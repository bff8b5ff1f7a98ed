package org.plugftpd.auth.puredb.component;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.Authenticator;
import org.plugftpd.auth.api.LoginRequest;
import org.plugftpd.auth.puredb.format.UserDirectory;
import org.plugftpd.auth.puredb.format.Lookup;
import org.plugftpd.auth.puredb.gate.VerificationGate;
import org.plugftpd.auth.puredb.gate.VerificationGate.Permit;
import org.plugftpd.auth.puredb.gate.VerificationGate.RefusedException;
import org.plugftpd.auth.puredb.hash.HashKind;
import org.plugftpd.auth.puredb.hash.PasswordHashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure-FTPd's {@code -l puredb:<file>}: virtual users from a .pdb or a pureftpd.passwd, looked up
 * at every login (a replaced file is seen at once), passwords verified behind a
 * {@link VerificationGate}. Configuration changes apply in place; thread-safe.
 */
@Component(configurationPid = PureDbConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PureDbConfig.class)
public final class PureDbAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(PureDbAuthenticator.class);

    // spec/puredb.md §4: what Pure-FTPd answers (421) when the database cannot be read
    static final String PDB_BROKEN = "Unable to read the indexed puredb file (or old format detected) - Try pure-pw mkdb";
    static final String TOO_BUSY = "Too many logins are being checked right now - try again later";

    /**
     * Verified for logins nobody owns, so an unknown login costs what a pure-pw default user
     * costs until a real hash has been seen: argon2id at m=8 MiB, t=255 with a made-up salt and
     * tag that no password yields.
     */
    static final String DEFAULT_DECOY =
            "$argon2id$v=19$m=8192,t=255,p=1$Jw5cLl9CzBmWcEeOhCq+Tg$0a3hTAlHyo1L6zvxm8T1xJwEXhDl4fHIFiDy2iFjLbc";

    private volatile State state;
    /** The last real hash looked up: unknown logins are made to cost the same. */
    private volatile String decoy = DEFAULT_DECOY;

    @Activate
    public PureDbAuthenticator(PureDbConfig config) {
        PureDbSettings settings;
        try {
            settings = PureDbSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; virtual users are not served until it is fixed", PureDbConfig.PID, e.getMessage());
            throw e;
        }
        state = open(settings, null);
        LOG.info("virtual users from {}", settings);
    }

    @Modified
    void modified(PureDbConfig config) {
        PureDbSettings next;
        try {
            next = PureDbSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; keeping {}", PureDbConfig.PID, e.getMessage(), state.settings);
            return;
        }
        State old = state;
        state = open(next, old);
        if (old.gate != state.gate) {
            // logins already inside the old gate finish; the ones waiting there get a 421
            old.gate.close();
        }
        LOG.info("virtual users now from {}", next);
    }

    @Deactivate
    void deactivate() {
        state.gate.close();
    }

    /** Verifications let through the gate so far (for tests and status). */
    long verificationsAdmitted() {
        return state.gate.admittedCount();
    }

    /** Verifications running right now (for tests and status). */
    int verificationsRunning() {
        return state.gate.running();
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        try {
            return lookUpAndVerify(request);
        } catch (RuntimeException e) {
            // the chain would take an exception for "not mine" and ask the next method: fail closed
            LOG.error("login of [{}] not checked: {}", printable(request.login()), e.toString(), e);
            return AuthResult.unavailable(PDB_BROKEN);
        }
    }

    private AuthResult lookUpAndVerify(LoginRequest request) {
        State s = state;
        Lookup found = s.directory.find(request.login());
        reportProblems(s);
        switch (found.status()) {
            case ABSENT:
                return spendLikeAKnownUser(s, request, AuthResult.notMine());
            case UNREADABLE:
                LOG.error("{}", found.reason());
                return AuthResult.unavailable(PDB_BROKEN);
            case INVALID:
                LOG.warn("login of [{}] refused: {}", printable(request.login()), found.reason());
                return spendLikeAKnownUser(s, request, AuthResult.rejected(found.reason()));
            case FOUND:
            default:
                return verify(s, request, found);
        }
    }

    private AuthResult verify(State s, LoginRequest request, Lookup found) {
        String hash = found.user().passwordHash();
        HashKind kind = PasswordHashes.kind(hash);
        if (kind == HashKind.UNSUPPORTED || !kind.available()) {
            LOG.warn("login of [{}] refused: its password field in {} is {}", printable(request.login()),
                    s.settings.file, kind == HashKind.UNSUPPORTED ? PasswordHashes.describe(hash)
                            : "a " + kind.label() + " hash, which cannot be checked on this system (see the log above)");
            return spendLikeAKnownUser(s, request, AuthResult.rejected("password hash not usable"));
        }
        byte[] password = passwordBytes(request.password());
        try (Permit p = enter(s, hash)) {
            // only a hash that was let in may set what unknown logins cost: one the gate refuses
            // outright (over budget) would make them answer at once
            decoy = hash;
            return PasswordHashes.verify(password, hash) ? AuthResult.accepted(found.user().account())
                    : AuthResult.rejected("wrong password");
        } catch (RefusedException e) {
            return refused(request, e);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /**
     * Unknown users and unusable entries cost what a real verification costs and queue the same
     * way, so neither timing nor a 421 under load tells them apart from real users.
     */
    private AuthResult spendLikeAKnownUser(State s, LoginRequest request, AuthResult answer) {
        String hash = decoy;
        byte[] password = passwordBytes(request.password());
        try (Permit p = enter(s, hash)) {
            PasswordHashes.verify(password, hash);
            return answer;
        } catch (RefusedException e) {
            return e.refusal() == VerificationGate.Refusal.TOO_EXPENSIVE ? answer : AuthResult.unavailable(TOO_BUSY);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /**
     * Costly kinds (memory-hard, or made slow on purpose) wait at the gate; the fast crypt(3)
     * family takes a millisecond or less and passes straight through, so a storm of logins with
     * cheap hashes is never turned away.
     */
    private static Permit enter(State s, String hash) throws RefusedException {
        switch (PasswordHashes.kind(hash)) {
            case MD5_CRYPT:
            case DES_CRYPT:
            case NT_HASH:
            case BSDI_CRYPT:
            case BIGCRYPT:
                return NO_GATE;
            case SHA256_CRYPT:
            case SHA512_CRYPT:
                // 5,000 rounds unless the hash says otherwise
                return hash.startsWith("rounds=", 3) ? s.gate.enter(PasswordHashes.workingMemory(hash)) : NO_GATE;
            default:
                return s.gate.enter(PasswordHashes.workingMemory(hash));
        }
    }

    private static final Permit NO_GATE = () -> {
    };

    private static AuthResult refused(LoginRequest request, RefusedException e) {
        switch (e.refusal()) {
            case TOO_EXPENSIVE:
                LOG.error("login of [{}] refused: {}; raise verifyMemory in {}", printable(request.login()),
                        e.getMessage(), PureDbConfig.PID);
                return AuthResult.rejected(e.getMessage());
            default:
                LOG.warn("login of [{}] not checked: {}", printable(request.login()), e.getMessage());
                return AuthResult.unavailable(TOO_BUSY);
        }
    }

    private static State open(PureDbSettings settings, State old) {
        UserDirectory directory = old != null && old.settings.file.equals(settings.file) ? old.directory
                : UserDirectory.open(settings.file);
        VerificationGate gate = old != null && old.settings.sameGate(settings) ? old.gate
                : new VerificationGate(settings.threads, settings.memoryBytes, settings.queue, settings.waitMillis);
        return new State(settings, directory, gate);
    }

    private static void reportProblems(State s) {
        List<String> problems = s.directory.takeProblems();
        for (String p : problems) {
            LOG.warn("{}", p);
        }
    }

    /**
     * The bytes Pure-FTPd would hash: UTF-8 of what the client sent, control characters replaced
     * by {@code _} as its command reader does (spec/hashes.md §1).
     */
    static byte[] passwordBytes(char[] password) {
        char[] clean = password.clone();
        for (int i = 0; i < clean.length; i++) {
            if (isControl(clean[i])) {
                clean[i] = '_';
            }
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(clean));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(clean, '\0');
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** The login for a log line: control characters as {@code ?}, so a client cannot forge log lines. */
    private static String printable(String login) {
        StringBuilder sb = new StringBuilder(login.length());
        for (int i = 0; i < login.length(); i++) {
            char c = login.charAt(i);
            sb.append(isControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    /** Pure-FTPd's ISCTRLCODE: below 0x20 or DEL (spec/hashes.md §1). */
    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    /** What one login works with; replaced as a whole when the configuration changes. */
    private static final class State {
        final PureDbSettings settings;
        final UserDirectory directory;
        final VerificationGate gate;

        State(PureDbSettings settings, UserDirectory directory, VerificationGate gate) {
            this.settings = settings;
            this.directory = directory;
            this.gate = gate;
        }
    }
}
