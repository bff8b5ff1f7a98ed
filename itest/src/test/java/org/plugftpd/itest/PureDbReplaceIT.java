package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The database is replaced the way pure-pw does it (new file, rename over the old one) while
 * sessions are open and logins keep coming: no login fails in between, open sessions carry on,
 * changes count from the next login.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PureDbReplaceIT extends PureDbTestSupport {

    @Test
    public void replacingThePdbUnderLiveSessionsLosesNoLogin() throws Exception {
        Path passwd = root().resolve("etc/live.passwd");
        Path pdb = root().resolve("etc/live.pdb");
        pwUseradd(passwd, pdb, "steady", "pw-steady");
        pwUseradd(passwd, pdb, "leaving", "pw-leaving");
        int port = startServer(Map.of());
        configurePureDb(pdb, Map.of());

        FTPClient open = login(port, "leaving", "pw-leaving");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger logins = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                try {
                    FTPClient ftp = connect(port);
                    try {
                        if (ftp.login("steady", "pw-steady")) {
                            logins.incrementAndGet();
                        } else {
                            failures.add(ftp.getReplyString().trim());
                        }
                    } finally {
                        quietly(ftp);
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            }
        });
        try {
            // ours and the real pure-pw both write a new file and rename it into place
            for (int i = 0; i < 3; i++) {
                pwUseradd(passwd, pdb, "newcomer" + i, "pw-new" + i);
                realPurePw("", "mkdb", pdb.toString(), "-f", passwd.toString()).ok();
            }
            ourPw("", "userdel", "leaving", "-f", passwd.toString(), "-F", pdb.toString(), "-m").ok();
            int before = logins.get();
            assertTrue("the login loop stalled", eventually(() -> logins.get() > before + 2));
        } finally {
            stop.set(true);
            loop.get(60, TimeUnit.SECONDS);
        }
        assertEquals("logins failed while the database was replaced: " + failures, 0, failures.size());

        // the session opened before the user was deleted goes on; a new login of that user does not
        try {
            assertTrue(open.sendNoOp());
            assertTrue(open.listNames() != null);
        } finally {
            quietly(open);
        }
        FTPClient gone = connect(port);
        try {
            assertFalse(gone.login("leaving", "pw-leaving"));
            assertTrue(gone.getReplyString(), gone.getReplyString().startsWith("530"));
        } finally {
            quietly(gone);
        }
        for (int i = 0; i < 3; i++) {
            quietly(login(port, "newcomer" + i, "pw-new" + i));
        }
    }

    @Test
    public void aBrokenReplacementKeepsTheLastGoodDatabase() throws Exception {
        Path passwd = root().resolve("etc/keep.passwd");
        Path pdb = root().resolve("etc/keep.pdb");
        pwUseradd(passwd, pdb, "keeper", "pw-keeper");
        int port = startServer(Map.of());
        configurePureDb(pdb, Map.of());
        quietly(login(port, "keeper", "pw-keeper"));

        // an administrator copies something else over the database (written aside, renamed in)
        Path junk = root().resolve("etc/keep.pdb.junk");
        Files.writeString(junk, "PDB2 this is not a database");
        Files.move(junk, pdb, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        quietly(login(port, "keeper", "pw-keeper"));

        // and the next good file is used again
        pwUseradd(passwd, pdb, "second", "pw-second");
        quietly(login(port, "second", "pw-second"));
    }

    @Test
    public void ftpPwInTheServerShowsAndDeletesUsers() throws Exception {
        Path passwd = root().resolve("etc/gogo.passwd");
        Path pdb = root().resolve("etc/gogo.pdb");
        pwUseradd(passwd, pdb, "gogouser", "pw-gogo", "-c", "Gogo User");
        int port = startServer(Map.of());
        configurePureDb(pdb, Map.of());
        quietly(login(port, "gogouser", "pw-gogo"));

        String shown = gogo("ftp:pw show gogouser -f " + passwd);
        assertTrue(shown, shown.contains("Login              : gogouser\n"));
        assertTrue(shown, shown.contains("Full name          : Gogo User\n"));
        String listed = gogo("ftp:pw list x -f " + passwd);
        assertTrue(listed, listed.startsWith("gogouser\t"));

        gogo("ftp:pw userdel gogouser -f " + passwd + " -F " + pdb + " -m");
        FTPClient gone = connect(port);
        try {
            assertFalse(gone.login("gogouser", "pw-gogo"));
            assertTrue(gone.getReplyString(), gone.getReplyString().startsWith("530"));
        } finally {
            quietly(gone);
        }
    }
}
