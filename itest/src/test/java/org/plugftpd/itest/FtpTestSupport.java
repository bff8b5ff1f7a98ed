package org.plugftpd.itest;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
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
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.plugftpd.itest.standin.StandinBundle;
import org.plugftpd.server.api.FtpServerStatus;

/**
 * Starts Felix with exactly the bundles of the built distribution (run/target/plugftpd/system),
 * a fresh plugftpd home in a temp folder, and helpers to configure the server, install the
 * stand-in feature bundle and talk FTP with Apache Commons Net.
 */
public abstract class FtpTestSupport {
    protected static final long DEADLINE_MS = 20_000;

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        Path root = Files.createTempDirectory("plugftpd-itest");
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
        overrides.forEach(props::put);
        configAdmin.getConfiguration("plugftpd.server", "?").update(props);
        return port();
    }

    /** The port the running listener is bound to (waits for the server to come up). */
    protected int port() throws InterruptedException {
        ServiceTracker<FtpServerStatus, FtpServerStatus> t = new ServiceTracker<>(context, FtpServerStatus.class, null);
        t.open();
        try {
            FtpServerStatus status = t.waitForService(DEADLINE_MS);
            assertNotNull("FTP server did not start", status);
            return status.listeners().get(0).getPort();
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

    protected Bundle installStandin(int generation) throws Exception {
        Bundle b = context.installBundle("standin:" + generation, StandinBundle.build(generation));
        b.start();
        return b;
    }

    protected static FTPClient connect(int port) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setDefaultTimeout(15_000);
        ftp.setConnectTimeout(15_000);
        ftp.setDataTimeout(java.time.Duration.ofSeconds(15));
        ftp.connect("127.0.0.1", port);
        ftp.enterLocalPassiveMode();
        return ftp;
    }

    protected static FTPClient login(int port, String user, String password) throws IOException {
        FTPClient ftp = connect(port);
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
