package org.plugftpd.core.impl.admin;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The admin channel without OSGi: a fake shell stands in for Gogo. */
public class AdminSocketServerTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path socket;
    private AdminSocketServer server;

    /** Understands "set k v", "get k", "fail msg", "err text", "status n"; echoes anything else. */
    private static final AdminShellFactory FAKE_SHELL = (out, err) -> {
        Map<String, String> variables = new HashMap<>();
        return line -> {
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "set":
                    variables.put(words[1], words[2]);
                    return 0;
                case "get":
                    out.println(variables.get(words[1]));
                    return 0;
                case "fail":
                    throw new IllegalStateException(line.substring(5));
                case "err":
                    err.println(line.substring(4));
                    return 0;
                case "status":
                    return Integer.parseInt(words[1]);
                case "big":
                    out.print("x".repeat(Integer.parseInt(words[1])));
                    return 0;
                default:
                    out.println(line);
                    return 0;
            }
        };
    };

    @Before
    public void setUp() throws IOException {
        socket = temp.getRoot().toPath().resolve("data").resolve("plugftpd.sock");
    }

    @After
    public void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private Result client(String stdin, String... words) {
        String[] args = new String[words.length + 1];
        args[0] = socket.toString();
        System.arraycopy(words, 0, args, 1, words.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AdminClient.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void socketIsOwnerOnlyAndNoTemporaryFilesRemain() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
        try (var entries = Files.list(socket.getParent())) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    public void commandWordsAreJoinedAndOutputAndStatusComeBack() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        Result result = client("", "echo", "hello", "world");

        assertEquals(new Result(0, "echo hello world\n", ""), result);
    }

    @Test
    public void stderrAndNonZeroStatusAreKeptApart() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        assertEquals(new Result(0, "", "oops\n"), client("", "err oops"));
        assertEquals(new Result(3, "", ""), client("", "status 3"));
    }

    @Test
    public void failingCommandGivesItsMessageAndStatusOne() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        assertEquals(new Result(1, "", "no such thing\n"), client("", "fail no such thing"));
    }

    @Test
    public void linesFromStdinShareOneSessionUntilExit() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        Result result = client("set greeting hi there\n\n# comment\nget greeting\nstatus 4\nexit\necho never\n");

        assertEquals(new Result(4, "hi there\n", ""), result);
    }

    @Test
    public void terminalSessionPromptsAndExitEndsOnlyTheClient() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AdminClient.run(new String[] {socket.toString()},
                new ByteArrayInputStream("hello\nexit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, true);

        assertEquals(0, status);
        assertEquals("plugftpd> hello\nplugftpd> ", out.toString(StandardCharsets.UTF_8));
        assertEquals(new Result(0, "still here\n", ""), client("", "still here"));
    }

    @Test
    public void exitSentAsACommandClosesTheConnectionNotTheServer() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        assertEquals(new Result(0, "", ""), client("", "exit"));
        assertEquals(new Result(0, "alive\n", ""), client("", "alive"));
    }

    @Test
    public void outputLargerThanOneFrameArrivesWhole() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);

        Result result = client("", "big 100000");

        assertEquals(100000, result.out.length());
    }

    @Test
    public void staleSocketFileIsReplaced() throws IOException {
        Files.createDirectories(socket.getParent());
        // a socket file left behind by a server that died: bound once, never accepting again
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));

        server = AdminSocketServer.start(socket, FAKE_SHELL);

        assertEquals(new Result(0, "ping\n", ""), client("", "ping"));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)));
    }

    @Test
    public void liveSocketOfAnotherServerIsNotStolen() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);
        try {
            AdminSocketServer.start(socket, FAKE_SHELL).close();
            fail("a second server must not take over a live socket");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("another server answers"));
        }
        assertEquals(new Result(0, "still me\n", ""), client("", "still me"));
    }

    @Test
    public void regularFileInTheWayIsLeftAlone() throws IOException {
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "not a socket");
        try {
            server = AdminSocketServer.start(socket, FAKE_SHELL);
            fail("a regular file must not be deleted");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not a socket"));
        }
        assertEquals("not a socket", Files.readString(socket));
    }

    @Test
    public void closeRemovesTheSocketAndTheClientSaysNotRunning() throws IOException {
        server = AdminSocketServer.start(socket, FAKE_SHELL);
        server.close();
        server = null;

        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        Result result = client("", "echo");
        assertEquals(1, result.status);
        assertEquals("plugftpd is not running (no admin socket at " + socket + ")\n", result.err);
    }

    @Test
    public void onlyTheSameUserOrRootMayConnect() {
        assertTrue(AdminSocketServer.isAllowed("ftpd", "ftpd"));
        assertTrue(AdminSocketServer.isAllowed("root", "ftpd"));
        assertFalse(AdminSocketServer.isAllowed("mallory", "ftpd"));
        assertFalse(AdminSocketServer.isAllowed("ftpd", "root"));
    }

    @Test
    public void socketPathDefaultsUnderHomeThenWorkingDirectory() {
        assertEquals(Path.of("/x/y.sock"), AdminChannelComponent.socketPath(" /x/y.sock ", "/home", "/cwd"));
        assertEquals(Path.of("/home/data/plugftpd.sock"), AdminChannelComponent.socketPath(null, "/home", "/cwd"));
        assertEquals(Path.of("/cwd/data/plugftpd.sock"), AdminChannelComponent.socketPath("", null, "/cwd"));
    }

    private static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result && ((Result) o).status == status && ((Result) o).out.equals(out)
                    && ((Result) o).err.equals(err);
        }

        @Override
        public int hashCode() {
            return status;
        }

        @Override
        public String toString() {
            return "status " + status + ", out [" + out + "], err [" + err + "]";
        }
    }
}
