package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every login Pure-FTPd 1.0.50 was seen to accept or refuse (vectors/passwd/logins.tsv: every hash
 * kind, right and wrong passwords, address and time rules) gets the same answer here, from a .pdb
 * built by Debian's real pure-pw out of the vectors' pureftpd.passwd.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PureDbLoginIT extends PureDbTestSupport {
    private static final String VECTOR_HOMES = "/tmp/pfvec-A/passwd/home/";

    @Test
    public void everyVectorLoginGetsTheAnswerPureFtpdGave() throws Exception {
        Path vectors = Paths.get(System.getProperty("plugftpd.vectors"), "passwd");
        Path homes = root().resolve("vector-homes");
        Files.createDirectories(homes);
        // the homes of the recording machine become folders of ours; everything else stays as pure-pw wrote it
        String passwdText = Files.readString(vectors.resolve("pureftpd.passwd"), StandardCharsets.UTF_8)
                .replace(VECTOR_HOMES, homes + "/");
        Path passwd = root().resolve("etc/vectors.passwd");
        Path pdb = root().resolve("etc/vectors.pdb");
        Files.writeString(passwd, passwdText, StandardCharsets.UTF_8);
        realPurePw("", "mkdb", pdb.toString(), "-f", passwd.toString()).ok();

        int port = startServer(Map.of("createHome", "true"));
        configurePureDb(pdb, Map.of());

        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(vectors.resolve("logins.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals("user")) {
                rows.add(f);
            }
        }
        assertTrue("logins.tsv has " + rows.size() + " rows", rows.size() >= 80);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String[] row : rows) {
                all.add(clients.submit(() -> {
                    String user = row[0];
                    String password = row[1];
                    boolean expected = expectedNow(user, row[3], row[5]);
                    String reply = tryLogin(port, user, password);
                    if (reply.startsWith("230") != expected) {
                        wrong.add(user + " / " + row[3] + ": expected " + (expected ? "success" : "failure")
                                + ", got " + reply.trim());
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals("logins answered unlike Pure-FTPd:\n" + String.join("\n", wrong), 0, wrong.size());
    }

    /**
     * The vector's observed answer, except for the account whose time window (17:00-18:00) was
     * outside the recording time: that one depends on the clock now.
     */
    private static boolean expectedNow(String user, String attempt, String observed) {
        if (user.equals("altimeno")) {
            LocalTime now = LocalTime.now();
            boolean inside = !now.isBefore(LocalTime.of(17, 0)) && now.isBefore(LocalTime.of(18, 1));
            return inside && attempt.equals("good-password");
        }
        return observed.equals("SUCCEEDED");
    }

    /** USER/PASS through Commons Net; the last reply line (230… or 530…). */
    private static String tryLogin(int port, String user, String password) throws IOException {
        FTPClient ftp = connect(port);
        // as the vectors' curl --max-time 120: a memory-hard hash behind a queue takes its time
        ftp.setSoTimeout(180_000);
        try {
            ftp.login(user, password);
            return ftp.getReplyString();
        } finally {
            quietly(ftp);
        }
    }
}
