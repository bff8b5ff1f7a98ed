package org.plugftpd.itest;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.plugftpd.itest.standin.StandinBundle;
import org.plugftpd.server.api.FtpServerStatus;
import org.plugftpd.session.api.SessionRegistry;

/**
 * Starts Felix with exactly the bundles of the built distribution (run/target/plugftpd/system),
 * a fresh plugftpd home in a temp folder, and helpers to configure the server, install the
 * stand-in feature bundle and talk FTP with Apache Commons Net.
 */
public abstract class FtpTestSupport {
    protected static final long DEADLINE_MS = 20_000;
    private static final AtomicInteger CONFIG_GENERATION = new AtomicInteger();

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path root = TempTrees.create("plugftpd-itest");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("data/pub"));
        Files.createDirectories(root.resolve("log"));
        Files.write(root.resolve("data/pub/hello.txt"), "hello from the anonymous area\n".getBytes(StandardCharsets.UTF_8));
        Files.write(root.resolve("accounts.txt"), new byte[0]);
        List<Option> options = new ArrayList<>();
        File[] jars = new File(System.getProperty("plugftpd.dist"), "system").listFiles((d, n) -> n.endsWith(".jar"));
        assertNotNull("build the distribution first (run/target/plugftpd/system)", jars);
        Arrays.sort(jars);
        for (File jar : jars) {
            options.add(bundle(jar.toURI().toString()));
        }
        options.add(bundle(new File(System.getProperty("commons.net.jar")).toURI().toString()));
        options.add(junitBundles());
        options.add(systemProperty("plugftpd.home").value(root.toString()));
        options.add(systemProperty("plugftpd.itest.root").value(root.toString()));
        options.add(systemProperty("plugftpd.itest.accounts").value(root.resolve("accounts.txt").toString()));
        options.add(systemProperty("plugftpd.itest.events").value(root.resolve("events.txt").toString()));
        options.add(frameworkProperty("plugftpd.admin.socket").value(root.resolve("data/plugftpd.sock").toString()));
        options.add(frameworkProperty("felix.fileinstall.dir").value(root.resolve("etc").toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("500"));
        options.add(frameworkProperty("gosh.args").value("--nointeractive"));
        options.add(cleanCaches());
        return options.toArray(new Option[0]);
    }

    protected static Path root() {
        return Paths.get(System.getProperty("plugftpd.itest.root"));
    }

    /** Configures plugftpd.server (loopback, free port, anonymous on, no login delay) plus overrides; returns the port. */
    protected int startServer(Map<String, Object> overrides) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("address", "127.0.0.1");
        props.put("port", "0");
        props.put("passivePorts", "");
        props.put("anonymous", "true");
        props.put("anonymousRoot", root().resolve("data/pub").toString());
        props.put("loginFailureDelay", "0");
        // every test client comes from 127.0.0.1: the per-address default (8) would refuse the busy tests
        props.put("maxClientsPerIp", "0");
        overrides.forEach(props::put);
        configAdmin.getConfiguration("plugftpd.server", "?").update(props);
        return port();
    }

    /** The port the running listener is bound to (waits for the server to come up). */
    protected int port() throws InterruptedException {
        return service(FtpServerStatus.class).listeners().get(0).getPort();
    }

    /** The installed bundle with this symbolic name; fails the test when there is none. */
    protected Bundle installedBundle(String symbolicName) {
        return java.util.stream.Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    /** The services of {@code type} registered right now by the bundle with this symbolic name. */
    protected <T> List<ServiceReference<T>> references(Class<T> type, String symbolicName) {
        try {
            return context.getServiceReferences(type, null).stream()
                    .filter(r -> r.getBundle() != null && symbolicName.equals(r.getBundle().getSymbolicName()))
                    .collect(java.util.stream.Collectors.toList());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A service of {@code type}, waiting up to the deadline for one; fails the test when none comes. */
    protected <T> T service(Class<T> type) {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(DEADLINE_MS);
            assertNotNull("no " + type.getName() + " service", s);
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            t.close();
        }
    }

    /** Adds an account line for the stand-in authenticator (see StandinAuthenticator). */
    protected static Path addAccount(String login, String password, String options) throws IOException {
        Path home = root().resolve("home").resolve(login);
        Files.createDirectories(home);
        String line = login + ":" + password + ":" + home + "/./" + (options.isEmpty() ? "" : ":" + options) + "\n";
        Files.write(root().resolve("accounts.txt"), line.getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        return home;
    }

    /** Installs generation 1 of the stand-in once per framework; true when this call did (set up its accounts then). */
    protected boolean installStandinOnce() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (StandinBundle.SYMBOLIC_NAME.equals(b.getSymbolicName())) {
                return false;
            }
        }
        installStandin(1);
        return true;
    }

    protected Bundle installStandin(int generation) throws Exception {
        Bundle b = context.installBundle("standin:" + generation, StandinBundle.build(generation));
        b.start();
        return b;
    }

    protected static FTPClient connect(int port) throws IOException {
        return connect(port, FTP.DEFAULT_CONTROL_ENCODING);
    }

    /** A connected client whose commands and replies use {@code controlEncoding} (e.g. UTF-8 file names). */
    protected static FTPClient connect(int port, String controlEncoding) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setControlEncoding(controlEncoding);
        ftp.setDefaultTimeout(15_000);
        ftp.setConnectTimeout(15_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(15));
        ftp.connect("127.0.0.1", port);
        ftp.enterLocalPassiveMode();
        return ftp;
    }

    protected static FTPClient login(int port, String user, String password) throws IOException {
        return login(port, user, password, FTP.DEFAULT_CONTROL_ENCODING);
    }

    protected static FTPClient login(int port, String user, String password, String controlEncoding)
            throws IOException {
        FTPClient ftp = connect(port, controlEncoding);
        assertTrue("login of " + user + ": " + ftp.getReplyString(), ftp.login(user, password));
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }

    protected static void quietly(FTPClient ftp) {
        try {
            if (ftp.isConnected()) {
                ftp.disconnect();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    /**
     * Like {@link #startServer} but waits until the new settings are live: the update carries a banner
     * of its own (unless one is given), a new connection must greet with it, and every session the
     * probing left behind must be gone. Returns the port.
     */
    protected int configureServer(Map<String, Object> overrides) throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(overrides);
        props.putIfAbsent("banner", "plugftpd itest configuration " + CONFIG_GENERATION.incrementAndGet());
        String banner = "--------- " + props.get("banner") + " ----------";
        int configured = Integer.parseInt(String.valueOf(props.getOrDefault("port", "0")));
        int bound = startServer(props);
        if (configured != 0) {
            // a new port means a new listener, bound when the update has been applied
            assertTrue("the server never moved to port " + configured, eventually(() -> {
                try {
                    return port() == configured;
                } catch (InterruptedException e) {
                    return false;
                }
            }));
            bound = configured;
        }
        int port = bound;
        assertTrue("the server never greeted with " + banner, eventually(() -> {
            try {
                return greeting(port).contains(banner);
            } catch (IOException e) {
                return false;
            }
        }));
        awaitNoSessions();
        return port;
    }

    /** A port nothing listens on right now. */
    protected static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The greeting a new connection gets (empty when refused without a reply); closes the connection. */
    protected static String greeting(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            return readReply(s.getInputStream());
        }
    }

    /** Snapshots of the open sessions, from the scoreboard service. */
    protected List<org.plugftpd.session.api.SessionInfo> openSessions() {
        return service(SessionRegistry.class).sessions();
    }

    /** Waits until the server has seen every earlier connection close. */
    protected void awaitNoSessions() throws InterruptedException {
        boolean none = eventually(() -> openSessions().isEmpty());
        assertTrue("sessions still open: " + openSessions(), none);
    }

    /**
     * Runs a Gogo command line as the admin channel would and returns what it printed. Gogo points
     * System.out at the session's stream for the calling thread, so the captured stream gets it.
     */
    protected String gogo(String command) throws Exception {
        ServiceTracker<CommandProcessor, CommandProcessor> t = new ServiceTracker<>(context, CommandProcessor.class, null);
        t.open();
        try {
            CommandProcessor processor = t.waitForService(DEADLINE_MS);
            assertNotNull("no Gogo CommandProcessor", processor);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), outStream, errStream);
            try {
                Object result = session.execute(command);
                outStream.flush();
                String text = out.toString(StandardCharsets.UTF_8);
                return result == null ? text : text + result;
            } catch (Exception e) {
                throw new AssertionError(command + " failed: " + e + " / " + err.toString(StandardCharsets.UTF_8), e);
            } finally {
                session.close();
            }
        } finally {
            t.close();
        }
    }

    /** A control connection driven by hand, for what Commons Net will not do (resets, bad bytes). */
    protected static final class RawSession implements java.io.Closeable {
        final Socket control;
        final InputStream in;
        final OutputStream out;

        private RawSession(Socket control) throws IOException {
            this.control = control;
            this.in = control.getInputStream();
            this.out = control.getOutputStream();
        }

        /** Connects, reads the greeting, logs in and switches to binary. */
        static RawSession login(int port, String user, String password) throws IOException {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            RawSession session = new RawSession(s);
            readReply(session.in);
            session.command("USER " + user);
            String reply = session.command("PASS " + password);
            if (!reply.startsWith("230")) {
                session.close();
                throw new IOException("login of " + user + " failed: " + reply);
            }
            session.command("TYPE I");
            return session;
        }

        /** Sends one command line and returns the whole reply. */
        String command(String line) throws IOException {
            send(out, line);
            return readReply(in);
        }

        /** Asks for a passive data port (EPSV) and connects to it. */
        Socket openData() throws IOException {
            String epsv = command("EPSV");
            int dataPort = Integer.parseInt(epsv.replaceAll("(?s).*\\(\\|\\|\\|(\\d+)\\|\\).*", "$1"));
            Socket data = new Socket();
            data.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
            return data;
        }

        @Override
        public void close() throws IOException {
            control.close();
        }
    }

    protected static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one (possibly multi-line) reply; empty when the server closed the connection. */
    protected static String readReply(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.write(c);
            }
            String l = line.toString(StandardCharsets.UTF_8).replace("\r", "");
            if (c == -1 && l.isEmpty()) {
                return all.toString();
            }
            all.append(l).append('\n');
            if (l.length() >= 4 && Character.isDigit(l.charAt(0)) && l.charAt(3) == ' ') {
                return all.toString();
            }
            if (c == -1) {
                return all.toString();
            }
        }
    }

    /** Polls until the condition holds or the deadline passes. */
    protected static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
