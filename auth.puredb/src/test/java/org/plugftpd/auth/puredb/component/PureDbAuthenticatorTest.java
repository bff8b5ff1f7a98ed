package org.plugftpd.auth.puredb.component;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.codec.digest.Md5Crypt;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.plugftpd.auth.api.Account;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.AuthResult.Outcome;
import org.plugftpd.auth.api.ClientInfo;
import org.plugftpd.auth.api.LoginRequest;
import org.plugftpd.auth.puredb.format.PureDbWriter;
import org.plugftpd.auth.puredb.hash.Argon2Hasher;

/** The authenticator's answers for each kind of lookup, without a framework (the ITs run it in Felix). */
public class PureDbAuthenticatorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void answersLikePureFtpdForEachKindOfEntry() throws Exception {
        Path pdb = database(
                "joe:" + Md5Crypt.md5Crypt("secret".getBytes(StandardCharsets.UTF_8)) + ":1000:1000:Joe:/srv/joe/./:2048:1024::::7:::::",
                "apr:$apr1$xY.Vgo1r$KjL1EikgiKeKYoaRAilFt1:1000:1000::/srv/apr/./",
                "rooty:" + Md5Crypt.md5Crypt("secret".getBytes(StandardCharsets.UTF_8)) + ":0:0::/srv/root/./");
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", pdb.toString())));
        try {
            AuthResult ok = auth.authenticate(login("joe", "secret"));
            assertEquals(Outcome.ACCEPTED, ok.outcome());
            Account joe = ok.account().orElseThrow();
            assertEquals(1000, joe.uid());
            assertEquals("/srv/joe/./", joe.home());
            assertEquals(2048, joe.uploadBandwidth());
            assertEquals(1024, joe.downloadBandwidth());
            assertEquals(7, joe.filesQuota());

            assertEquals(Outcome.REJECTED, auth.authenticate(login("joe", "wrong")).outcome());
            assertEquals(Outcome.NOT_MINE, auth.authenticate(login("nobody", "secret")).outcome());
            // a hash kind Pure-FTPd refuses, and a root account: the login is refused, the chain stops
            assertEquals(Outcome.REJECTED, auth.authenticate(login("apr", "Alp-apr1!9")).outcome());
            assertEquals(Outcome.REJECTED, auth.authenticate(login("rooty", "secret")).outcome());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void aMissingDatabaseGetsPureFtpdsBrokenPdbReply() throws Exception {
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", tmp.getRoot() + "/none.pdb")));
        try {
            AuthResult r = auth.authenticate(login("joe", "secret"));
            assertEquals(Outcome.UNAVAILABLE, r.outcome());
            assertEquals(PureDbAuthenticator.PDB_BROKEN, r.reason());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void aHashCostlierThanTheWholeBudgetIsRefusedNotQueued() throws Exception {
        String hash = Argon2Hasher.create("secret".getBytes(StandardCharsets.UTF_8), 8L << 20, 1);
        Path pdb = database("big:" + hash + ":1000:1000::/srv/big/./");
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", pdb.toString(), "verifyMemory", 4)));
        try {
            assertEquals(Outcome.REJECTED, auth.authenticate(login("big", "secret")).outcome());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void anOverBudgetHashDoesNotMakeUnknownLoginsCheap() throws Exception {
        String huge = Argon2Hasher.create("secret".getBytes(StandardCharsets.UTF_8), 32L << 20, 1);
        Path pdb = database("huge:" + huge + ":1000:1000::/srv/huge/./");
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", pdb.toString(), "verifyMemory", 16)));
        try {
            assertEquals(Outcome.REJECTED, auth.authenticate(login("huge", "secret")).outcome());
            long before = auth.verificationsAdmitted();
            // still the work of a real (default-cost) verification, not an instant answer
            assertEquals(Outcome.NOT_MINE, auth.authenticate(login("ghost", "x")).outcome());
            assertEquals(before + 1, auth.verificationsAdmitted());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void whenTheOnlySlotIsBusyAndNobodyMayWaitACostlyLoginGets421() throws Exception {
        String slow = Argon2Hasher.create("secret".getBytes(StandardCharsets.UTF_8), 8L << 20, 300);
        Path pdb = database("slow:" + slow + ":1000:1000::/srv/slow/./",
                "quick:" + Md5Crypt.md5Crypt("secret".getBytes(StandardCharsets.UTF_8)) + ":1000:1000::/srv/quick/./");
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", pdb.toString(),
                "verifyThreads", 1, "verifyQueue", 0)));
        try {
            CompletableFuture<AuthResult> first = CompletableFuture.supplyAsync(() -> auth.authenticate(login("slow", "secret")));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (auth.verificationsRunning() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals("the first verification never started", 1, auth.verificationsRunning());
            // the first one takes seconds (t=300): these come while it runs
            AuthResult second = auth.authenticate(login("slow", "secret"));
            assertEquals(Outcome.UNAVAILABLE, second.outcome());
            assertEquals(PureDbAuthenticator.TOO_BUSY, second.reason());
            // unknown users queue the same way: a 421 does not tell who exists
            assertEquals(Outcome.UNAVAILABLE, auth.authenticate(login("ghost", "x")).outcome());
            // a fast crypt(3) hash does not queue: a storm of such logins is never turned away
            assertEquals(Outcome.ACCEPTED, auth.authenticate(login("quick", "secret")).outcome());
            assertTrue("the first verification ended too early for this test", !first.isDone());
            assertEquals(Outcome.ACCEPTED, first.get(60, TimeUnit.SECONDS).outcome());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void aBadConfigurationChangeKeepsTheRunningOne() throws Exception {
        Path pdb = database("joe:" + Md5Crypt.md5Crypt("secret".getBytes(StandardCharsets.UTF_8)) + ":1000:1000::/srv/joe/./");
        PureDbAuthenticator auth = new PureDbAuthenticator(config(Map.of("file", pdb.toString())));
        try {
            auth.modified(config(Map.of("file", pdb.toString(), "verifyThreads", -3)));
            assertEquals(Outcome.ACCEPTED, auth.authenticate(login("joe", "secret")).outcome());
            auth.modified(config(Map.of("file", " ")));
            assertEquals(Outcome.ACCEPTED, auth.authenticate(login("joe", "secret")).outcome());
        } finally {
            auth.deactivate();
        }
    }

    @Test
    public void passwordsAreHashedAsPureFtpdReadsThem() {
        assertArrayEquals("a_b_c\u00e9".getBytes(StandardCharsets.UTF_8),
                PureDbAuthenticator.passwordBytes("a\tb\u007fc\u00e9".toCharArray()));
    }

    private Path database(String... lines) throws Exception {
        Path passwd = tmp.newFile("users.passwd").toPath();
        Files.writeString(passwd, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Path pdb = tmp.getRoot().toPath().resolve("users.pdb");
        PureDbWriter.mkdb(passwd, pdb);
        return pdb;
    }

    private static LoginRequest login(String user, String password) {
        InetSocketAddress here = new InetSocketAddress("127.0.0.1", 21);
        return new LoginRequest(user, password.toCharArray(), new ClientInfo(here, here, false));
    }

    /** A PureDbConfig with the annotation's defaults, overridden by {@code values}. */
    static PureDbConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        return (PureDbConfig) Proxy.newProxyInstance(PureDbConfig.class.getClassLoader(),
                new Class<?>[] {PureDbConfig.class}, (proxy, method, args) -> {
                    if (all.containsKey(method.getName())) {
                        return all.get(method.getName());
                    }
                    Object d = method.getDefaultValue();
                    if (d != null) {
                        return d;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
