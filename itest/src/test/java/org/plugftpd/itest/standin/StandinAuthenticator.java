package org.plugftpd.itest.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.plugftpd.auth.api.Account;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.Authenticator;
import org.plugftpd.auth.api.LoginRequest;

/**
 * A stand-in feature: accounts from a small text file the test writes, one per line:
 * {@code login:password:home[:key=value;key=value]} with keys maxSessions, allowClient, denyClient,
 * allowLocal, denyLocal, time (hhmm-hhmm), down, up (bytes/s), ratio (u/d). Re-read on every login.
 */
public final class StandinAuthenticator implements Authenticator {
    private final Path file;

    public StandinAuthenticator(Path file) {
        this.file = file;
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return AuthResult.notMine();
        }
        for (String line : lines) {
            String[] f = line.split(":", 4);
            if (f.length < 3 || !f[0].equals(request.login())) {
                continue;
            }
            if (!Arrays.equals(f[1].toCharArray(), request.password())) {
                return AuthResult.rejected("wrong password");
            }
            Account.Builder b = Account.builder(f[0]).uid(2990).gid(2990).home(f[2]);
            if (f.length == 4) {
                for (String kv : f[3].split(";")) {
                    String[] p = kv.split("=", 2);
                    switch (p[0]) {
                        case "maxSessions": b.maxSessions(Integer.parseInt(p[1])); break;
                        case "allowClient": b.allowedClientAddresses(List.of(p[1])); break;
                        case "denyClient": b.deniedClientAddresses(List.of(p[1])); break;
                        case "allowLocal": b.allowedLocalAddresses(List.of(p[1])); break;
                        case "denyLocal": b.deniedLocalAddresses(List.of(p[1])); break;
                        case "time": {
                            String[] t = p[1].split("-");
                            b.timeWindow(Integer.parseInt(t[0]), Integer.parseInt(t[1]));
                            break;
                        }
                        case "down": b.downloadBandwidth(Long.parseLong(p[1])); break;
                        case "up": b.uploadBandwidth(Long.parseLong(p[1])); break;
                        case "ratio": {
                            String[] r = p[1].split("/");
                            b.ratio(Integer.parseInt(r[0]), Integer.parseInt(r[1]));
                            break;
                        }
                        default: break;
                    }
                }
            }
            return AuthResult.accepted(b.build());
        }
        return AuthResult.notMine();
    }
}
