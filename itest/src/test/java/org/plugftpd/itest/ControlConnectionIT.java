package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.Authenticator;

/**
 * The control connection against clients that send what no FTP client should: bytes that are not
 * UTF-8, Telnet commands, endless lines, one byte at a time, megabytes never read back, pipelined
 * password guesses. Each gets its reply or a clean close, nobody's slot leaks, and everybody
 * else is served. Raw sockets where Commons Net cannot send the bytes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControlConnectionIT extends FtpTestSupport {

    @Test
    public void badBytesSplitAcrossReadsNeverLeakASlot() throws Exception {
        int port = configureServer(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<List<String>>> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                all.add(pool.submit(() -> threeWriteSequence(port)));
            }
            for (Future<List<String>> f : all) {
                List<String> replies = f.get(2, TimeUnit.MINUTES);
                // a reply for each of the four lines, the bad one first
                assertEquals(replies.toString(), 4, replies.size());
                assertEquals("501 Invalid character in command\n", replies.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
        awaitNoSessions();
        FTPClient ftp = login(port, "anonymous", "me@example.org");
        try {
            assertTrue(ftp.sendNoOp());
        } finally {
            quietly(ftp);
        }
        awaitNoSessions();
    }

    /** SYST \xc0\xae\r, pause, \nSYST\r\n, pause, \r\nNOOP\r\n, close: MINA's decoder killed a worker on it. */
    private static List<String> threeWriteSequence(int port) throws IOException, InterruptedException {
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readReply(in);
            out.write(new byte[] {'S', 'Y', 'S', 'T', ' ', (byte) 0xc0, (byte) 0xae, '\r'});
            out.flush();
            Thread.sleep(50);
            out.write("\nSYST\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
            out.write("\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> replies = new ArrayList<>();
            for (String r = readReply(in); !r.isEmpty() && replies.size() < 4; r = readReply(in)) {
                replies.add(r);
                if (replies.size() == 4) {
                    break;
                }
            }
            return replies;
        }
    }

    @Test
    public void everyPipelinedLineGetsItsReplyAfterABadOne() throws Exception {
        int port = configureServer(Map.of());
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            readReply(in);
            send(s.getOutputStream(), "USER anonymous");
            assertTrue(readReply(in).startsWith("230"));
            s.getOutputStream().write(bytes("NOOP\r\nSYST \u00c0\u00ae\r\nNOOP\r\nNOOP\r\n"));
            s.getOutputStream().flush();
            assertTrue(readReply(in).startsWith("200"));
            assertEquals("501 Invalid character in command\n", readReply(in));
            assertTrue(readReply(in).startsWith("200"));
            assertTrue(readReply(in).startsWith("200"));
        }
    }

    @Test
    public void abortAfterTelnetInterruptAndSynchIsAnsweredNot501() throws Exception {
        int port = configureServer(Map.of());
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readReply(in);
            send(out, "USER anonymous");
            assertTrue(readReply(in).startsWith("230"));
            // as BSD ftp sends it: IAC IP, then the Synch (IAC DM) with its IAC as urgent data
            out.write(bytes("\u00ff\u00f4"));
            out.flush();
            s.sendUrgentData(0xff);
            out.write(bytes("\u00f2ABOR\r\n"));
            out.flush();
            String abort = readReply(in);
            assertTrue(abort, abort.startsWith("2"));
            // and in band only, as other clients do
            out.write(bytes("\u00ff\u00f4\u00ff\u00f2ABOR\r\n"));
            out.flush();
            abort = readReply(in);
            assertTrue(abort, abort.startsWith("2"));
            send(out, "NOOP");
            assertTrue(readReply(in).startsWith("200"));
        }
    }

    @Test
    public void overLongLineGets500AndTheConnectionCloses() throws Exception {
        int port = configureServer(Map.of());
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            readReply(in);
            // unterminated: Pure-FTPd's limit is 4112 bytes with the line end
            s.getOutputStream().write(bytes("NOOP " + "A".repeat(5000)));
            s.getOutputStream().flush();
            assertEquals("500 Line too long\n", readReply(in));
            assertEquals(-1, in.read());
        }
        FTPClient ftp = login(port, "anonymous", "me@example.org");
        quietly(ftp);
    }

    @Test
    public void oneByteAtATimeIsDisconnected() throws Exception {
        int port = configureServer(Map.of("lineTimeout", "2"));
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readReply(in);
            s.setSoTimeout(1000);
            String reply = "";
            // a slowloris: one byte a second of a line that never ends; the server must hang up
            for (int i = 0; i < 30 && reply.isEmpty(); i++) {
                try {
                    out.write('N');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                try {
                    reply = readReply(in);
                } catch (SocketTimeoutException notYet) {
                    // nothing yet
                }
            }
            assertEquals("421 Timeout - try typing a little faster next time\n", reply);
            s.setSoTimeout(15_000);
            assertEquals(-1, in.read());
        }
        awaitNoSessions();
    }

    @Test
    public void clientThatNeverLogsInIsDisconnected() throws Exception {
        int port = configureServer(Map.of("loginTimeout", "2"));
        try (Socket s = socket(port)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readReply(in);
            send(out, "SYST");
            assertTrue(readReply(in).startsWith("530"));
            assertEquals("421 Timeout - no login within 2 seconds\n", readReply(in));
            assertEquals(-1, in.read());
        }
        awaitNoSessions();
    }

    @Test
    public void commandsSentWithARefusedConnectionAreNeverRun() throws Exception {
        int port = configureServer(Map.of("maxClients", "1"));
        FTPClient first = login(port, "anonymous", "me@example.org");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            // sent before the greeting arrives, in the connection's first read
            send(s.getOutputStream(), "USER anonymous\r\nSYST");
            assertEquals("421 1 users (the maximum) are already logged in, sorry\n", readReply(s.getInputStream()));
            assertEquals(-1, s.getInputStream().read());
        } finally {
            quietly(first);
        }
        awaitNoSessions();
    }

    @Test
    public void pipelinedPasswordGuessesAreNotAllChecked() throws Exception {
        int port = configureServer(Map.of("maxLoginFailures", "5"));
        AtomicInteger checks = new AtomicInteger();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        Authenticator counting = request -> {
            if (!request.login().equals("guessed")) {
                return AuthResult.notMine();
            }
            checks.incrementAndGet();
            return AuthResult.rejected("wrong password");
        };
        ServiceRegistration<Authenticator> registration = context.registerService(Authenticator.class, counting, props);
        try {
            // the core binds the new authenticator a moment after it is registered
            assertTrue("the counting authenticator is never asked", eventually(() -> {
                try (Socket s = socket(port)) {
                    readReply(s.getInputStream());
                    send(s.getOutputStream(), "USER guessed");
                    readReply(s.getInputStream());
                    send(s.getOutputStream(), "PASS probe");
                    readReply(s.getInputStream());
                } catch (IOException e) {
                    return false;
                }
                return checks.get() > 0;
            }));
            awaitNoSessions();
            checks.set(0);
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                pairs.append("USER guessed\r\nPASS guess-").append(i).append("\r\n");
            }
            try (Socket s = socket(port)) {
                InputStream in = s.getInputStream();
                readReply(in);
                s.getOutputStream().write(pairs.toString().getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                in.transferTo(rest);
                assertTrue(rest.toString(StandardCharsets.US_ASCII),
                        rest.toString(StandardCharsets.US_ASCII).contains("530 Login authentication failed"));
            }
            awaitNoSessions();
            assertTrue("verified " + checks.get() + " of 50 pipelined passwords", checks.get() >= 1 && checks.get() <= 5);
            int withoutDelay = checks.get();

            // with the failure delay, what was pipelined behind the first failure is dropped unread
            assertEquals(port, configureServer(Map.of("maxLoginFailures", "5", "loginFailureDelay", "300")));
            checks.set(0);
            try (Socket s = socket(port)) {
                InputStream in = s.getInputStream();
                readReply(in);
                s.getOutputStream().write(pairs.toString().getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertTrue(readReply(in).startsWith("331"));
                assertEquals("530 Login authentication failed\n", readReply(in));
                // the client is heard again once it has its answer
                send(s.getOutputStream(), "USER anonymous");
                assertTrue(readReply(in).startsWith("230"));
            }
            awaitNoSessions();
            assertEquals("verifications with a failure delay", 1, checks.get());
            System.out.println("pipelined USER/PASS pairs: 50 sent, " + withoutDelay + " verified without delay, "
                    + checks.get() + " with a 300 ms failure delay");
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void clientThatNeverReadsIsPausedThenDroppedWhileOthersLogIn() throws Exception {
        int port = configureServer(Map.of("lineTimeout", "3"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong heapPeak = new AtomicLong(heapBefore);
        AtomicLong sent = new AtomicLong();
        AtomicBoolean writerEnded = new AtomicBoolean();
        Socket pipeliner = new Socket();
        pipeliner.setReceiveBufferSize(4096);
        pipeliner.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        pipeliner.setSoTimeout(15_000);
        readReply(pipeliner.getInputStream());
        send(pipeliner.getOutputStream(), "USER anonymous");
        assertTrue(readReply(pipeliner.getInputStream()).startsWith("230"));
        Thread writer = new Thread(() -> {
            // HELP: a long reply for a short line, as in the issue
            byte[] chunk = "HELP\r\nNOOP\r\n".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
            try {
                OutputStream out = pipeliner.getOutputStream();
                // 8 MB of pipelined commands whose replies are never read
                for (int i = 0; i < 140; i++) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException expected) {
                // the server hung up on us
            } finally {
                writerEnded.set(true);
            }
        }, "pipeliner");
        Thread sampler = new Thread(() -> {
            while (!writerEnded.get()) {
                // what the server holds, not the garbage it made: measured after a collection
                System.gc();
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        writer.start();
        sampler.start();
        try {
            // the pipeliner's session exists and is being held back; another client is served meanwhile
            assertTrue(eventually(() -> sent.get() > 0));
            FTPClient other = login(port, "anonymous", "me@example.org");
            try {
                assertTrue(other.sendNoOp());
            } finally {
                quietly(other);
            }
            // the server closes the pipeliner's session although its socket is still open on this side
            assertTrue("the pipeliner is never dropped", eventually(() -> openSessions().isEmpty()));
            writer.join(TimeUnit.MILLISECONDS.toMillis(DEADLINE_MS));
            assertFalse("the pipeliner can write forever", writer.isAlive());
        } finally {
            pipeliner.close();
            writer.join(DEADLINE_MS);
            sampler.interrupt();
        }
        System.out.println("non-reading pipeliner: " + sent.get() + " bytes accepted before the drop, heap "
                + heapBefore / (1 << 20) + " MiB before, at most " + heapPeak.get() / (1 << 20) + " MiB after a GC meanwhile");
        FTPClient after = login(port, "anonymous", "me@example.org");
        quietly(after);
    }

    @Test
    public void passwordsAndControlCharactersNeverReachTheLogRaw() throws Exception {
        int port = configureServer(Map.of());
        String secret = "Sekr3t-pw-" + System.nanoTime();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        PrintStream originalOut = System.out;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        try {
            try (Socket s = socket(port)) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                readReply(in);
                send(out, "USER nosuchuser");
                readReply(in);
                send(out, "PASS " + secret);
                readReply(in);
                // a bad line right after the password: MINA hex-dumped its whole read buffer
                out.write(bytes("PASS " + secret + "\r\nCWD \u00c0\r\n"));
                out.flush();
                readReply(in);
                readReply(in);
                // a login with a bracket, a C1 control and a bidi override
                out.write(("USER fake] logged in\u009b\u202e\r\nPASS " + secret + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                readReply(in);
                readReply(in);
                out.write(bytes("PASS " + secret + "A".repeat(5000)));
                out.flush();
                assertEquals("500 Line too long\n", readReply(in));
            }
            awaitNoSessions();
        } finally {
            System.setErr(original);
            System.setOut(originalOut);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue("the capture holds the server's log lines: " + log, log.contains("login of [nosuchuser] refused"));
        assertTrue(log, log.contains("login of [fake\\] logged in\\x9b\\u202e] refused"));
        assertFalse(log, log.contains(secret));
        assertFalse(log, log.contains("\u009b") || log.contains("\u202e"));
    }

    private static Socket socket(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Bytes from chars 0-255, so a test can write {@code "\u00ff\u00f4"} for IAC IP. */
    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes to the real standard error and to a capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
