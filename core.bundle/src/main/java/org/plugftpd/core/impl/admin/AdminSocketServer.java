package org.plugftpd.core.impl.admin;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin channel: a Unix-domain socket only the server's own user (or root) can open, running
 * each received command line through an {@link AdminShell} (one shell per connection).
 * Lifecycle: {@link #start} binds and starts accepting, {@link #close} stops and removes the
 * socket file. One acceptor thread plus one thread per connection (capped); never touches FTP threads.
 */
public final class AdminSocketServer implements Closeable {

    static final int MAX_CONNECTIONS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(AdminSocketServer.class);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final Path socket;
    private final String ownerName;
    private final ServerSocketChannel channel;
    private final AdminShellFactory shells;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminSocketServer(Path socket, ServerSocketChannel channel, String ownerName, AdminShellFactory shells) {
        this.socket = socket;
        this.channel = channel;
        this.ownerName = ownerName;
        this.shells = shells;
        this.acceptor = new Thread(this::acceptLoop, "plugftpd-admin-acceptor");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds the socket at {@code socket} (mode 0600, replacing a stale socket file) and starts
     * accepting connections.
     *
     * @throws IOException when the socket cannot be created, or another server answers on it
     */
    public static AdminSocketServer start(Path socket, AdminShellFactory shells) throws IOException {
        Path target = socket.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        removeStaleSocket(target);

        // Bound inside a private 0700 directory, restricted to 0600, then renamed into place:
        // the socket is never reachable by anyone else, whatever the umask.
        Path privateDir = Files.createTempDirectory(parent, ".admin-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = privateDir.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, target, StandardCopyOption.ATOMIC_MOVE);
            String owner = Files.getOwner(target, LinkOption.NOFOLLOW_LINKS).getName();
            AdminSocketServer server = new AdminSocketServer(target, channel, owner, shells);
            server.acceptor.start();
            LOG.info("Admin channel listening on {} (for {})", target, owner.equals("root") ? "root" : owner + " and root");
            return server;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(bound);
            throw new IOException("cannot create the admin socket " + target + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateDir);
        }
    }

    /** A socket file left by a server that died is removed; one that still answers is not. */
    private static void removeStaleSocket(Path target) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new IOException("cannot create the admin socket " + target
                    + ": a file that is not a socket is in the way");
        }
        boolean answers;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            answers = true;
        } catch (IOException refused) {
            answers = false;
        }
        if (answers) {
            throw new IOException("cannot create the admin socket " + target + ": another server answers on it");
        }
        LOG.info("Removing stale admin socket {}", target);
        Files.deleteIfExists(target);
    }

    public Path socket() {
        return socket;
    }

    /** Whether a peer running as {@code peerUser} may use a server running as {@code ownerUser}. */
    static boolean isAllowed(String peerUser, String ownerUser) {
        return peerUser.equals(ownerUser) || peerUser.equals("root");
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel connection;
            try {
                connection = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Admin channel {}: accept failed: {}", socket, e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(connection, "too many admin connections (at most " + MAX_CONNECTIONS + ")");
                continue;
            }
            connections.add(connection);
            Thread worker = new Thread(() -> {
                try {
                    serve(connection);
                } finally {
                    connections.remove(connection);
                    slots.release();
                    closeQuietly(connection);
                }
            }, "plugftpd-admin-" + THREAD_IDS.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(SocketChannel connection) {
        String peer;
        try {
            UnixDomainPrincipal principal = connection.getOption(ExtendedSocketOptions.SO_PEERCRED);
            peer = principal.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            refuse(connection, "cannot check who is connecting: " + e.getMessage());
            return;
        }
        if (!isAllowed(peer, ownerName)) {
            LOG.warn("Admin channel {}: refused user {} (only {} may connect)", socket, peer,
                    ownerName.equals("root") ? "root" : ownerName + " and root");
            refuse(connection, "permission denied: user " + peer + " may not administer this server");
            return;
        }
        InputStream in = Channels.newInputStream(connection);
        OutputStream rawOut = Channels.newOutputStream(connection);
        Object lock = new Object();
        FrameOutputStream outFrames = new FrameOutputStream(AdminFrame.STDOUT, rawOut, lock);
        FrameOutputStream errFrames = new FrameOutputStream(AdminFrame.STDERR, rawOut, lock);
        PrintStream out = new PrintStream(outFrames, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errFrames, false, StandardCharsets.UTF_8);
        try (AdminShell shell = shells.open(out, err)) {
            AdminFrame frame;
            while ((frame = AdminFrame.read(in)) != null) {
                if (frame.type() != AdminFrame.COMMAND) {
                    err.println("unexpected admin frame '" + (char) frame.type() + "'; expected 'C'");
                    finish(out, err, rawOut, lock, 1);
                    return;
                }
                String line = frame.text().strip();
                // "exit" ends this client's session; it must never reach a shell that could stop the JVM
                if (line.equals("exit")) {
                    finish(out, err, rawOut, lock, 0);
                    return;
                }
                int status = run(shell, line, err);
                finish(out, err, rawOut, lock, status);
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("Admin connection ended: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("Admin connection failed", e);
        }
    }

    private int run(AdminShell shell, String line, PrintStream err) {
        if (line.isEmpty()) {
            return 0;
        }
        try {
            return shell.execute(line);
        } catch (Exception e) {
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            err.println(message);
            LOG.info("Admin command '{}' failed", line, e);
            return 1;
        }
    }

    private static void finish(PrintStream out, PrintStream err, OutputStream rawOut, Object lock, int status)
            throws IOException {
        out.flush();
        err.flush();
        synchronized (lock) {
            AdminFrame.text(AdminFrame.EXIT, Integer.toString(status)).writeTo(rawOut);
        }
    }

    private static void refuse(SocketChannel connection, String message) {
        try {
            OutputStream rawOut = Channels.newOutputStream(connection);
            AdminFrame.text(AdminFrame.STDERR, message + "\n").writeTo(rawOut);
            AdminFrame.text(AdminFrame.EXIT, "1").writeTo(rawOut);
        } catch (IOException e) {
            LOG.debug("Could not tell a refused admin client why: {}", e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** Stops accepting, ends open connections, removes the socket file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
        connections.forEach(AdminSocketServer::closeQuietly);
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Could not remove the admin socket {}: {}", socket, e.getMessage());
        }
        LOG.info("Admin channel {} closed", socket);
    }
}
