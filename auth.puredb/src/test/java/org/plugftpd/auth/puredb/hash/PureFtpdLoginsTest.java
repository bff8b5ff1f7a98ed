package org.plugftpd.auth.puredb.hash;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

/**
 * Every login of vectors/passwd/logins.tsv (real Pure-FTPd 1.0.50 against pureftpd.passwd):
 * the stored hash and the password tried give exactly the observed outcome. The pure-pw users
 * carry argon2id with up to t=1023, so the verifications run on all cores.
 */
public class PureFtpdLoginsTest {

    /** Refused by their own allow/deny address or time-window rules (users.tsv), not by the hash. */
    private static final Set<String> REFUSED_BY_ACCOUNT_RULES = Set.of("alipdeny", "alldeny", "altimeno");

    @Test
    public void everyRecordedLoginGivesTheObservedOutcome() throws Exception {
        Map<String, String> stored = Vectors.storedHashes();
        List<String[]> logins = Vectors.tsv("logins.tsv", true);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<String> checked = new ArrayList<>();
        List<Future<String>> mismatches = new ArrayList<>();
        Set<String> withoutAccount = new TreeSet<>();
        try {
            for (String[] row : logins) {
                String user = row[0];
                String password = row[1];
                String attempt = row[3];
                boolean observedSuccess = row[5].equals("SUCCEEDED");
                String hash = stored.get(user);
                if (hash == null) {
                    withoutAccount.add(user + " (" + attempt + ")");
                    continue;
                }
                boolean expected = observedSuccess
                        || (REFUSED_BY_ACCOUNT_RULES.contains(user) && attempt.equals("good-password"));
                checked.add(user + "/" + attempt);
                mismatches.add(pool.submit(() -> {
                    boolean verified = PasswordHashes.verify(password.getBytes(StandardCharsets.UTF_8), hash);
                    return verified == expected ? null
                            : user + " " + attempt + ": verify=" + verified + ", Pure-FTPd "
                                    + (observedSuccess ? "SUCCEEDED" : "FAILED") + " (" + PasswordHashes.describe(hash) + ")";
                }));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<String> mismatch : mismatches) {
                if (mismatch.get() != null) {
                    wrong.add(mismatch.get());
                }
            }
            assertEquals("logins that disagree with Pure-FTPd", List.of(), wrong);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("rows whose user has no passwd line", Set.of("algone (deleted-user)", "alnosuch (unknown-user)"),
                withoutAccount);
        assertEquals(logins.size() - 2, checked.size());
    }

    @Test
    public void desLoginsCountOnlyTheFirstEightBytes() {
        String des = "cM665OjABQ4z.";
        assertTrue(PasswordHashes.verify("Alp-des!".getBytes(StandardCharsets.UTF_8), des));
        assertTrue(PasswordHashes.verify("Alp-des!anything".getBytes(StandardCharsets.UTF_8), des));
        assertEquals(false, PasswordHashes.verify("Alp-des".getBytes(StandardCharsets.UTF_8), des));
    }

    @Test
    public void everyPurePwUserHasAnArgon2idHashWithinTheCap() throws Exception {
        Map<String, String> stored = Vectors.storedHashes();
        int purePwUsers = 0;
        for (String[] user : Vectors.tsv("users.tsv", false)) {
            if (user[1].equals("default(pure-pw)")) {
                purePwUsers++;
                String hash = stored.get(user[0]);
                assertEquals(user[0], HashKind.ARGON2ID, PasswordHashes.kind(hash));
                assertTrue(user[0], PasswordHashes.workingMemory(hash) <= PasswordHashes.MAX_WORKING_MEMORY);
            }
        }
        assertEquals(17, purePwUsers);
    }
}
