package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

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
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.plugftpd.auth.api.Authenticator;

/**
 * What the auth.puredb tests share: configuring {@code plugftpd.auth.puredb}, and running the
 * distribution's own {@code pw} tool and Debian's real {@code pure-pw} as external processes.
 */
public abstract class PureDbTestSupport extends FtpTestSupport {
    protected static final String PUREDB_BSN = "org.plugftpd.auth.puredb";
    /** A cheap argon2id cost for users made by tests (the tuned default takes about a second per hash). */
    protected static final String CHEAP_COST = "m=8192,t=1";
    private static final String REAL_PURE_PW = "/usr/bin/pure-pw";

    /** Points plugftpd.auth.puredb at {@code file} (plus overrides) and waits for its Authenticator. */
    protected void configurePureDb(Path file, Map<String, Object> overrides) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("file", file.toString());
        overrides.forEach(props::put);
        configAdmin.getConfiguration("plugftpd.auth.puredb", "?").update(props);
        // the component takes a change in place: wait until its service shows the new file
        assertTrue("no Authenticator from " + PUREDB_BSN + " serving " + file, eventually(() -> {
            ServiceReference<Authenticator> ref = pureDbAuthenticator();
            return ref != null && file.toString().equals(ref.getProperty("file"));
        }));
        // a registered service is not yet a bound one: wait until the core's chain lists it too
        assertTrue("the authentication chain never took " + PUREDB_BSN, eventually(() -> {
            try {
                return gogo("ftp:status").contains("Authenticator " + PUREDB_BSN + " ");
            } catch (Exception e) {
                return false;
            }
        }));
    }

    protected ServiceReference<Authenticator> pureDbAuthenticator() {
        return references(Authenticator.class, PUREDB_BSN).stream().findFirst().orElse(null);
    }

    protected Bundle pureDbBundle() {
        return installedBundle(PUREDB_BSN);
    }

    /** Runs the distribution's {@code pw} (what {@code bin/plugftpd pw} runs) with a cheap hash cost. */
    protected static ExternalCommand.Result ourPw(String stdin, String... args) throws IOException, InterruptedException {
        return ourPwWithCost(CHEAP_COST, stdin, args);
    }

    /** Like {@link #ourPw} with a given argon2id cost ({@code m=<KiB>,t=<passes>}). */
    protected static ExternalCommand.Result ourPwWithCost(String cost, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dplugftpd.home=" + root());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        File system = new File(System.getProperty("plugftpd.dist"), "system");
        File[] jars = system.listFiles((d, n) -> n.endsWith(".jar") && (n.startsWith("auth.puredb-")
                || n.startsWith("core.bundle-") || n.startsWith("bcprov-") || n.startsWith("commons-codec-")
                || n.startsWith("jna-") || n.startsWith("slf4j-")));
        assertNotNull(jars);
        cmd.add(Arrays.stream(jars).map(File::getPath).collect(Collectors.joining(File.pathSeparator)));
        cmd.add("org.plugftpd.auth.puredb.pw.PurePw");
        cmd.addAll(Arrays.asList(args));
        return exec(cmd, stdin, Map.of("PLUGFTPD_PW_COST", cost));
    }

    /** Runs Debian's real pure-pw (the pure-ftpd package; .ci/run installs it). */
    protected static ExternalCommand.Result realPurePw(String stdin, String... args) throws IOException, InterruptedException {
        assertTrue(REAL_PURE_PW + " is missing: install Debian's pure-ftpd package (.ci/run does)",
                Files.isExecutable(Paths.get(REAL_PURE_PW)));
        List<String> cmd = new ArrayList<>();
        cmd.add(REAL_PURE_PW);
        cmd.addAll(Arrays.asList(args));
        return exec(cmd, stdin, Map.of());
    }

    /** Adds a user with our pw tool to {@code passwd} and rebuilds {@code pdb}; returns its home. */
    protected static Path pwUseradd(Path passwd, Path pdb, String login, String password, String... options)
            throws IOException, InterruptedException {
        Path home = root().resolve("home").resolve(login);
        Files.createDirectories(home);
        List<String> args = new ArrayList<>(List.of("useradd", login, "-f", passwd.toString(), "-F", pdb.toString(),
                "-u", "2990", "-g", "2990", "-d", home.toString(), "-m"));
        args.addAll(Arrays.asList(options));
        ourPw(password + "\n" + password + "\n", args.toArray(new String[0])).ok();
        return home;
    }

    private static ExternalCommand.Result exec(List<String> cmd, String stdin, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PURE_PASSWDFILE");
        pb.environment().remove("PURE_DBFILE");
        pb.environment().putAll(env);
        ExternalCommand.Result result = ExternalCommand.run(pb, stdin.getBytes(StandardCharsets.UTF_8), 120);
        if (result == null) {
            throw new AssertionError(cmd + " did not end within 120 s");
        }
        return result;
    }
}
