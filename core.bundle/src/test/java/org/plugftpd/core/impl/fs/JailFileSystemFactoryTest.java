package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class JailFileSystemFactoryTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private JailFixture fixture;
    private final JailFileSystemFactory factory = new JailFileSystemFactory();

    @Before
    public void setUp() throws IOException {
        fixture = new JailFixture(temp.getRoot().toPath());
    }

    @Test
    public void plainUserIsJailedWritableInItsHome() throws FtpException {
        FileSystemView view = factory.createFileSystemView(new PlainUser("joe", fixture.jail.toString()));
        assertEquals("/", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.getFile("/pub/new.txt").isWritable());
        assertFalse(view.getFile("/abs/secret.txt").doesExist());
    }

    @Test
    public void jailedUserGetsItsStartDirectoryAndWriteFlag() throws FtpException {
        FileSystemView view = factory.createFileSystemView(new Jailed("ftp", fixture.jail, "/www", false));
        assertEquals("/www", view.getWorkingDirectory().getAbsolutePath());
        assertTrue(view.getFile("index.html").isReadable());
        assertFalse(view.getFile("index.html").isWritable());
    }

    @Test
    public void missingHomeIsHomeDirectoryNotAvailable() {
        User[] users = {
            new PlainUser("joe", fixture.base.resolve("gone").toString()),
            new PlainUser("nohome", null),
            new Jailed("ann", fixture.jail, "/missing", true),
            new Jailed("eve", fixture.jail, "/abs", true),
        };
        for (User user : users) {
            try {
                factory.createFileSystemView(user);
                fail(user.getName());
            } catch (FtpException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().startsWith("Home directory not available"));
                assertTrue(expected.getMessage(), expected.getMessage().contains(user.getName()));
            }
        }
    }

    static class PlainUser implements User {
        private final String name;
        private final String home;

        PlainUser(String name, String home) {
            this.name = name;
            this.home = home;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public List<? extends Authority> getAuthorities() {
            return List.of();
        }

        @Override
        public List<? extends Authority> getAuthorities(Class<? extends Authority> clazz) {
            return List.of();
        }

        @Override
        public AuthorizationRequest authorize(AuthorizationRequest request) {
            return request;
        }

        @Override
        public int getMaxIdleTime() {
            return 0;
        }

        @Override
        public boolean getEnabled() {
            return true;
        }

        @Override
        public String getHomeDirectory() {
            return home;
        }
    }

    private static final class Jailed extends PlainUser implements JailedUser {
        private final Path root;
        private final String start;
        private final boolean writable;

        Jailed(String name, Path root, String start, boolean writable) {
            super(name, "/nonexistent-home-must-not-be-used");
            this.root = root;
            this.start = start;
            this.writable = writable;
        }

        @Override
        public Path jailRoot() {
            return root;
        }

        @Override
        public String startDirectory() {
            return start;
        }

        @Override
        public boolean writable() {
            return writable;
        }
    }
}
