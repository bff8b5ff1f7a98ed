package org.plugftpd.core.impl.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code bin/plugftpd client}: sends Gogo command lines over the admin socket and prints the
 * replies. JDK only (run as {@code java -cp core.bundle.jar}). Arguments: the socket path, then
 * the command words (joined with spaces, as ssh does). Without words: an interactive shell on a
 * terminal, otherwise one command per line of standard input. Exits with the (last) command's status.
 */
public final class AdminClient implements AutoCloseable {

    static final String PROMPT = "plugftpd> ";

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private AdminClient(SocketChannel channel) {
        this.channel = channel;
        this.in = Channels.newInputStream(channel);
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects, or explains in one line why not. */
    public static AdminClient connect(Path socket) throws AdminUnavailableException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new AdminUnavailableException("plugftpd is not running (no admin socket at " + socket + ")");
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new AdminClient(channel);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Permission denied")) {
                throw new AdminUnavailableException("permission denied: only the server's user or root may open the"
                        + " admin socket at " + socket);
            }
            throw new AdminUnavailableException("plugftpd is not running (admin socket at " + socket
                    + " refuses connections: " + e.getMessage() + ")");
        }
    }

    /**
     * Runs one command line, copying its output to {@code stdout}/{@code stderr}.
     *
     * @return the command's exit status
     * @throws IOException when the connection breaks before the status arrives
     */
    public int execute(String line, PrintStream stdout, PrintStream stderr) throws IOException {
        AdminFrame.text(AdminFrame.COMMAND, line).writeTo(out);
        AdminFrame frame;
        while ((frame = AdminFrame.read(in)) != null) {
            switch (frame.type()) {
                case AdminFrame.STDOUT:
                    stdout.write(frame.payload());
                    stdout.flush();
                    break;
                case AdminFrame.STDERR:
                    stderr.write(frame.payload());
                    stderr.flush();
                    break;
                case AdminFrame.EXIT:
                    try {
                        return Integer.parseInt(frame.text().strip());
                    } catch (NumberFormatException e) {
                        throw new IOException("server sent a bad exit status '" + frame.text() + "'");
                    }
                default:
                    throw new IOException("server sent an unknown frame '" + (char) frame.type() + "'");
            }
        }
        throw new IOException("the server closed the admin connection before the command finished");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.console() != null));
    }

    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, boolean terminal) {
        if (args.length == 0) {
            stderr.println("usage: AdminClient <admin socket> [gogo command words...]");
            return 2;
        }
        try (AdminClient client = connect(Paths.get(args[0]))) {
            if (args.length > 1) {
                return client.execute(String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)),
                        stdout, stderr);
            }
            return client.session(stdin, stdout, stderr, terminal);
        } catch (AdminUnavailableException e) {
            stderr.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("plugftpd admin connection failed: " + e.getMessage());
            return 1;
        }
    }

    /** Line by line until EOF or {@code exit}; prompts only on a terminal. */
    private int session(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean terminal)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        int status = 0;
        while (true) {
            if (terminal) {
                stdout.print(PROMPT);
                stdout.flush();
            }
            String line = lines.readLine();
            if (line == null) {
                if (terminal) {
                    stdout.println();
                }
                return status;
            }
            String command = line.strip();
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            if (command.equals("exit")) {
                return status;
            }
            status = execute(command, stdout, stderr);
        }
    }

    /** The admin socket cannot be used: absent, nobody listening, or not ours to open. */
    public static final class AdminUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        AdminUnavailableException(String message) {
            super(message);
        }
    }
}
