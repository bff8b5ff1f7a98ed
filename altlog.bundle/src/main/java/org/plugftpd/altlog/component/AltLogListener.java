package org.plugftpd.altlog.component;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.plugftpd.altlog.format.HostNames;
import org.plugftpd.altlog.writer.LockedLogAppender;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure-FTPd's {@code -O format:file}: one instance per {@code plugftpd.altlog} factory
 * configuration writes one line per finished transfer. A changed configuration is applied in
 * place ({@link #modified}): the same file keeps its appender and the lines it still holds; a bad
 * one is refused and the running one stays. Across a bundle update the core keeps the events of the
 * gap (its identity is the configuration's pid). Called on this listener's lane in the core; the
 * retry timer and ftp:log run on other threads (the appender is thread-safe).
 */
@Component(configurationPid = AltLogConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {TransferListener.class, AltLogListener.class})
@Designate(ocd = AltLogConfig.class, factory = true)
public final class AltLogListener implements TransferListener {
    private static final Logger LOG = LoggerFactory.getLogger(AltLogListener.class);
    private static final long RETRY_SECONDS = 5;

    private final String pid;
    /** Settings and appender change together on a reconfiguration: one volatile holds both. */
    private volatile Target target;
    private final ScheduledExecutorService retries;

    @Activate
    public AltLogListener(AltLogConfig config, Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_PID);
        this.pid = id == null ? AltLogConfig.FACTORY_PID : id.toString();
        AltLogSettings settings;
        try {
            settings = settings(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; this transfer log is not written until the configuration is fixed", pid,
                    e.getMessage());
            throw e;
        }
        target = new Target(settings, appender(settings));
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugftpd-altlog-retry " + pid);
            t.setDaemon(true);
            return t;
        });
        retries.scheduleWithFixedDelay(() -> target.appender.retry(), RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        LOG.info("transfer log {}: {}", pid, settings);
    }

    /**
     * A changed configuration, applied without a restart: format and host resolution change from
     * the next line; the same file keeps its appender (open file, lines waiting for a full disk);
     * a new file gets a new appender and the old one writes what it can and closes.
     */
    @Modified
    void modified(AltLogConfig config) {
        AltLogSettings next;
        try {
            next = settings(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; keeping the running configuration ({})", pid, e.getMessage(), target.settings);
            return;
        }
        Target current = target;
        if (next.file.equals(current.settings.file)) {
            current.appender.backlogCapacity(next.backlogLines);
            target = new Target(next, current.appender);
        } else {
            target = new Target(next, appender(next));
            current.appender.close();
        }
        LOG.info("transfer log {}: now {}", pid, next);
    }

    private static AltLogSettings settings(AltLogConfig config) {
        return AltLogSettings.of(config.format(), config.file(), config.resolveHosts(), config.backlogLines(),
                AltLogSettings.home());
    }

    private LockedLogAppender appender(AltLogSettings settings) {
        // the header follows the format in force when a file is created (after a format change too)
        return new LockedLogAppender(settings.file, at -> target.settings.format.header(at), settings.backlogLines,
                Clock.systemUTC());
    }

    /** The settings in force and the appender of their file. */
    private static final class Target {
        final AltLogSettings settings;
        final LockedLogAppender appender;

        Target(AltLogSettings settings, LockedLogAppender appender) {
            this.settings = settings;
            this.appender = appender;
        }
    }

    @Deactivate
    void deactivate() {
        // no interrupt: an interrupted channel write reports failure after the bytes are in the
        // file, and the line would be written again by close()
        retries.shutdown();
        try {
            if (!retries.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("transfer log {}: a retry is still running after 10 s", pid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.appender.close();
    }

    @Override
    public void transferEnded(TransferEvent event) {
        Target t = target;
        t.appender.append(t.settings.format.line(event, host(t.settings, event.client())));
    }

    // spec/altlog.md §3: numeric unless resolving is asked for and reverse DNS gives a name
    private static String host(AltLogSettings settings, InetSocketAddress client) {
        if (settings.resolveHosts && client != null && client.getAddress() != null) {
            InetAddress address = client.getAddress();
            String name = address.getCanonicalHostName();
            if (!name.equals(address.getHostAddress())) {
                return HostNames.forLog(name);
            }
        }
        return HostNames.forLog(client);
    }

    /** Closes and reopens the file by name (after logrotate moved it, without waiting for the next line). */
    public void reopen() {
        target.appender.reopen();
    }

    /** One line for ftp:log list: pid, format, file, lines written, backlog, dropped, current problem. */
    public String describe() {
        Target t = target;
        LockedLogAppender appender = t.appender;
        AltLogSettings settings = t.settings;
        String problem = appender.problem();
        return String.format("%s  %s  %s  written=%d backlog=%d dropped=%d%s", pid, settings.format.name(),
                settings.file, appender.linesWritten(), appender.backlogSize(), appender.linesDropped(),
                problem == null ? "" : "  problem: " + problem);
    }

    public String pid() {
        return pid;
    }
}
