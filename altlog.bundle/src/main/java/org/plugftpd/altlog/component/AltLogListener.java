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
import org.osgi.service.metatype.annotations.Designate;
import org.plugftpd.altlog.format.AltLogFormat;
import org.plugftpd.altlog.format.HostNames;
import org.plugftpd.altlog.writer.LockedLogAppender;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure-FTPd's {@code -O format:file}: one instance per {@code plugftpd.altlog} factory
 * configuration writes one line per finished transfer. A changed configuration replaces the
 * instance; the core keeps the events of the gap (its identity is the configuration's pid).
 * Called by the core's event worker; the retry timer and ftp:log run on other threads (the
 * appender is thread-safe).
 */
@Component(configurationPid = AltLogConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {TransferListener.class, AltLogListener.class})
@Designate(ocd = AltLogConfig.class, factory = true)
public final class AltLogListener implements TransferListener {
    private static final Logger LOG = LoggerFactory.getLogger(AltLogListener.class);
    private static final long RETRY_SECONDS = 5;

    private final String pid;
    private final AltLogSettings settings;
    private final LockedLogAppender appender;
    private final ScheduledExecutorService retries;

    @Activate
    public AltLogListener(AltLogConfig config, Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_PID);
        this.pid = id == null ? AltLogConfig.FACTORY_PID : id.toString();
        try {
            settings = AltLogSettings.of(config.format(), config.file(), config.resolveHosts(), config.backlogLines(),
                    AltLogSettings.home());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; this transfer log is not written until the configuration is fixed", pid,
                    e.getMessage());
            throw e;
        }
        AltLogFormat format = settings.format;
        appender = new LockedLogAppender(settings.file, format::header, settings.backlogLines, Clock.systemUTC());
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugftpd-altlog-retry " + pid);
            t.setDaemon(true);
            return t;
        });
        retries.scheduleWithFixedDelay(appender::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        LOG.info("transfer log {}: {}", pid, settings);
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
        appender.close();
    }

    @Override
    public void transferEnded(TransferEvent event) {
        appender.append(settings.format.line(event, host(event.client())));
    }

    // spec/altlog.md §3: numeric unless resolving is asked for and reverse DNS gives a name
    private String host(InetSocketAddress client) {
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
        appender.reopen();
    }

    /** One line for ftp:log list: pid, format, file, lines written, backlog, dropped, current problem. */
    public String describe() {
        String problem = appender.problem();
        return String.format("%s  %s  %s  written=%d backlog=%d dropped=%d%s", pid, settings.format.name(),
                settings.file, appender.linesWritten(), appender.backlogSize(), appender.linesDropped(),
                problem == null ? "" : "  problem: " + problem);
    }

    public String pid() {
        return pid;
    }
}
