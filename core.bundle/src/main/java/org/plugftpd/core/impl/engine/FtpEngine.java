package org.plugftpd.core.impl.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.impl.DefaultFtpServerContext;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.message.MessageResourceFactory;
import org.plugftpd.core.impl.data.DataConnections;
import org.plugftpd.core.impl.data.DataPolicy;
import org.plugftpd.core.impl.fs.JailFileSystemFactory;
import org.plugftpd.core.impl.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache FtpServer put together the plugftpd way: plugftpd's listener, login, listing and QUIT
 * commands, the data-path commands it is given (transfers, file operations, ABOR), the jail file system, no local user store. {@link #apply} takes new settings live:
 * most apply to the next command or connection; a new address, port or passive range gets a new
 * listener while the old one stops accepting and lingers until its last session has left.
 * Not thread-safe: the owning component serialises start, apply and stop.
 */
public final class FtpEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FtpEngine.class);

    private final EngineContext context;
    private final Map<String, Command> dataPath;
    private final ScheduledExecutorService timer;
    private final DataConnections data;
    private final List<TunedListener> retiring = new CopyOnWriteArrayList<>();
    private final AtomicInteger generation = new AtomicInteger();
    private DefaultFtpServer server;
    private TunedListener listener;
    private String listenerName;

    /**
     * @param dataPath the commands of the transfer and file-operation path (core.impl.transfer),
     *        given from above so the engine does not depend on them
     */
    public FtpEngine(EngineContext context, Map<String, Command> dataPath) {
        this.context = context;
        this.data = new DataConnections(() -> {
            ServerSettings s = context.settings();
            return new DataPolicy(s.dataAddressCheck(), s.dataTimeout() * 1000, s.dataSocketBuffer());
        });
        this.dataPath = Map.copyOf(dataPath);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugftpd-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds the listener; throws with the reason when the address cannot be used. */
    public void start(ServerSettings settings) {
        FtpServerFactory factory = new FtpServerFactory();
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        // a transfer holds its worker thread: one per possible client keeps the others responsive
        connections.setMaxThreads(threadsFor(settings));
        connections.setMaxLoginFailures(0);
        connections.setLoginFailureDelay(0);
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.setUserManager(new NoLocalUsers());
        factory.setFileSystem(new JailFileSystemFactory());
        factory.setMessageResource(new PureFtpdMessages(new MessageResourceFactory().createMessageResource()));
        CommandFactoryFactory commands = new CommandFactoryFactory();
        LoginCommands login = new LoginCommands(context, timer);
        commands.addCommand("USER", login.user());
        commands.addCommand("PASS", login.pass());
        dataPath.forEach(commands::addCommand);
        commands.addCommand("QUIT", new QuitCommand());
        data.addCommands(commands);
        ListingCommands listings = new ListingCommands(context);
        commands.addCommand("LIST", listings.list());
        commands.addCommand("NLST", listings.nameList());
        commands.addCommand("MLSD", listings.machineList());
        commands.addCommand("MLST", listings.machineListFile());
        commands.addCommand("STAT", listings.status());
        commands.addCommand("TYPE", listings.type());
        commands.addCommand("FEAT", listings.features());
        factory.setCommandFactory(commands.createCommandFactory());
        listener = newListener(settings);
        listenerName = "plugftpd-" + generation.incrementAndGet();
        // replaces FtpServer's implicit "default" listener on port 21; mutable: rebinds add and remove
        Map<String, Listener> listeners = new ConcurrentHashMap<>();
        listeners.put(listenerName, listener);
        factory.setListeners(listeners);
        server = (DefaultFtpServer) factory.createServer();
        try {
            server.start();
        } catch (FtpException | RuntimeException e) {
            server.stop();
            server = null;
            throw new IllegalStateException("FTP server cannot start: " + e.getMessage(), e);
        }
        timer.scheduleWithFixedDelay(this::retireIdleListeners, 2, 2, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::reapSessions, 2, 2, TimeUnit.SECONDS);
        LOG.info("FTP server listening on {}", listener.boundAddress());
    }

    /** Applies new settings; a failure to bind the new address leaves the old listener serving. */
    public void apply(ServerSettings previous, ServerSettings next) {
        DefaultFtpServerContext ctx = (DefaultFtpServerContext) server.getServerContext();
        ThreadPoolExecutor pool = ctx.getThreadPoolExecutor();
        int threads = threadsFor(next);
        if (threads > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(threads);
        }
        if (!previous.needsRebindFor(next)) {
            return;
        }
        TunedListener fresh = newListener(next);
        String name = "plugftpd-" + generation.incrementAndGet();
        fresh.start(ctx);
        ctx.addListener(name, fresh);
        TunedListener old = listener;
        String oldName = listenerName;
        listener = fresh;
        listenerName = name;
        old.suspend();
        ctx.removeListener(oldName);
        retiring.add(old);
        LOG.info("FTP server now listening on {}; {} keeps its {} open sessions until they end",
                fresh.boundAddress(), old.boundAddress(), old.sessionCount());
    }

    /** Slots never leak: an entry whose connection is gone leaves the table even if no close event came. */
    private void reapSessions() {
        try {
            int reaped = context.sessions().reap();
            if (reaped > 0) {
                LOG.warn("removed {} session(s) whose connection had closed without notice", reaped);
            }
        } catch (RuntimeException e) {
            LOG.warn("session reaper failed: {}", e.toString());
        }
    }

    private void retireIdleListeners() {
        for (TunedListener l : retiring) {
            if (l.sessionCount() == 0) {
                l.stop();
                retiring.remove(l);
            }
        }
    }

    public InetSocketAddress boundAddress() {
        return listener == null ? null : listener.boundAddress();
    }

    /** Closes every session and the listeners. */
    public void stop() {
        timer.shutdownNow();
        data.close();
        for (TunedListener l : retiring) {
            l.stop();
        }
        retiring.clear();
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private TunedListener newListener(ServerSettings settings) {
        // random passive ports, first connection from the client's address only, PORT checked: see core/impl/data
        var dataConfig = data.forListener(settings.passivePorts(), settings.externalAddress());
        return new TunedListener(settings.address(), settings.port(), dataConfig, settings.idleTimeout(), context, timer);
    }

    private static int threadsFor(ServerSettings settings) {
        return settings.maxClients() + 8;
    }
}
