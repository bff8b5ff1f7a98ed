package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.plugftpd.auth.api.Account;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.Authenticator;

/**
 * The authenticator chain as Pure-FTPd's {@code -l} list: highest {@code service.ranking} first,
 * "not mine" passes to the next, a rejection stops the chain, a failing method refuses the login.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthChainIT extends FtpTestSupport {
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("carol", "pw", "");
        }
    }

    @Test
    public void higherRankedRejectionWins() throws Exception {
        ServiceRegistration<Authenticator> reg = register(10, r -> r.login().equals("carol")
                ? AuthResult.rejected("blocked by the first method") : AuthResult.notMine());
        try {
            assertLogin(false, "carol", "pw");
        } finally {
            reg.unregister();
        }
        assertLogin(true, "carol", "pw");
    }

    @Test
    public void lowerRankedMethodDecidesOnlyWhatTheFirstDoesNotKnow() throws Exception {
        Path home = addAccount("unused", "x", "");
        ServiceRegistration<Authenticator> reg = register(-10, r -> r.login().equals("dave")
                ? AuthResult.accepted(Account.builder("dave").uid(3000).gid(3000).home(home + "/./").build())
                : AuthResult.rejected("the last method knows nobody else"));
        try {
            assertLogin(true, "carol", "pw");
            assertLogin(true, "dave", "anything");
            assertLogin(false, "erin", "x");
        } finally {
            reg.unregister();
        }
    }

    @Test
    public void aFailingMethodRefusesTheLoginWith530AndTheNextIsNotAsked() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        ServiceRegistration<Authenticator> failing = register(20, r -> {
            throw new IllegalStateException("backend down");
        });
        ServiceRegistration<Authenticator> next = register(15, r -> {
            asked.incrementAndGet();
            return AuthResult.notMine();
        });
        try {
            assertLogin(false, "carol", "pw");
            assertEquals("the method after a failing one was asked", 0, asked.get());
        } finally {
            failing.unregister();
            next.unregister();
        }
        assertLogin(true, "carol", "pw");
    }

    private ServiceRegistration<Authenticator> register(int ranking, Authenticator authenticator) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(Authenticator.class, authenticator, props);
    }

    private void assertLogin(boolean expected, String user, String password) throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertEquals(user + ": " + ftp.getReplyString(), expected, ftp.login(user, password));
            if (!expected) {
                assertEquals(530, ftp.getReplyCode());
            } else {
                assertTrue(ftp.sendNoOp());
            }
        } finally {
            quietly(ftp);
        }
    }
}
