package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A login storm against a memory-hard hash: one verification at a time, two may wait, everybody
 * else gets a 421 at once; nobody hangs, the control connections of logged-in users stay
 * responsive, and the server takes logins again afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LoginStormIT extends PureDbTestSupport {

    @Test
    public void excessLoginsGet421AndNobodyHangs() throws Exception {
        Path passwd = root().resolve("etc/storm.passwd");
        Path pdb = root().resolve("etc/storm.pdb");
        Path home = root().resolve("home/stormy");
        Files.createDirectories(home);
        // costly enough that verifications overlap: argon2id 32 MiB, 8 passes
        ourPwWithCost("m=32768,t=8", "pw-stormy\npw-stormy\n", "useradd", "stormy", "-f", passwd.toString(),
                "-F", pdb.toString(), "-u", "2990", "-g", "2990", "-d", home.toString(), "-m").ok();
        int port = startServer(Map.of("maxClients", "100"));
        configurePureDb(pdb, Map.of("verifyThreads", "1", "verifyQueue", "2", "verifyWait", "60",
                "verifyMemory", "64"));
        FTPClient already = login(port, "stormy", "pw-stormy");

        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<String> replies = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String user = i % 4 == 3 ? "nobody" + i : "stormy";
                all.add(pool.submit(() -> {
                    FTPClient ftp = connect(port);
                    try {
                        go.await();
                        try {
                            ftp.login(user, "pw-stormy");
                        } catch (FTPConnectionClosedException e) {
                            // a 421: Commons Net closes, the reply text stays
                        }
                        replies.add(user + " " + ftp.getReplyString().trim());
                    } finally {
                        quietly(ftp);
                    }
                    return null;
                }));
            }
            go.countDown();
            // the logged-in session answers while the storm goes on
            assertTrue(already.sendNoOp());
            for (Future<?> f : all) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            quietly(already);
        }
        long ok = replies.stream().filter(r -> r.startsWith("stormy 230")).count();
        long busy = replies.stream().filter(r -> r.contains(" 421 Too many logins are being checked right now")).count();
        long unknown = replies.stream().filter(r -> r.startsWith("nobody") && r.contains(" 530 ")).count();
        assertEquals("every client got an answer: " + replies, clients, replies.size());
        // unknown users queue like real ones: a 421 under load tells nothing about who exists
        assertEquals("only 230, 421 and (unknown users) 530: " + replies, clients, ok + busy + unknown);
        assertTrue("some logins got through: " + replies, ok >= 1);
        assertTrue("the excess got 421: " + replies, busy >= 1);
        quietly(login(port, "stormy", "pw-stormy"));
    }
}
