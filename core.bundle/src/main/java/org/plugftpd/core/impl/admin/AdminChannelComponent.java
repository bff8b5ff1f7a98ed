package org.plugftpd.core.impl.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes Gogo on the local admin socket ({@code bin/plugftpd client}). Framework property
 * {@value #SOCKET_PROPERTY} names the socket; default {@code <plugftpd.home or user.dir>/data/plugftpd.sock}.
 * Activated once per CommandProcessor; all socket and protocol work is in {@link AdminSocketServer}.
 */
@Component(immediate = true)
public class AdminChannelComponent {

    static final String SOCKET_PROPERTY = "plugftpd.admin.socket";

    private final AdminSocketServer server;

    @Activate
    public AdminChannelComponent(@Reference(name = "commandProcessor") CommandProcessor processor, BundleContext context) throws IOException {
        Path socket = socketPath(context.getProperty(SOCKET_PROPERTY), context.getProperty("plugftpd.home"),
                System.getProperty("user.dir"));
        server = AdminSocketServer.start(socket, (out, err) -> new GogoAdminShell(processor, out, err));
    }

    static Path socketPath(String configured, String home, String workingDir) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.strip());
        }
        String base = home != null && !home.isBlank() ? home.strip() : workingDir;
        return Paths.get(base, "data", "plugftpd.sock");
    }

    @Deactivate
    void deactivate() {
        server.close();
    }
}
