package org.plugftpd.core.impl.server;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugftpd.core.impl.auth.AuthChain;
import org.plugftpd.core.impl.engine.EngineContext;
import org.plugftpd.core.impl.engine.FtpEngine;
import org.plugftpd.core.impl.events.EventDispatcher;
import org.plugftpd.core.impl.guard.GuardChain;
import org.plugftpd.core.impl.session.SessionTable;
import org.plugftpd.core.impl.service.FeatureServices;
import org.plugftpd.core.impl.transfer.TransferCommands;
import org.plugftpd.server.api.FtpServerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the FTP server from the {@code plugftpd.server} configuration and applies its changes
 * live. A bad value is refused with a log line naming the key, and the running settings stay.
 * Feature services (quota, upload vetoes) are bound dynamically by {@link FeatureServices}: they
 * come and go without touching open sessions, under the policy this component sets from the
 * configuration (required services, failure modes, time limit).
 */
@Component(service = FtpServerStatus.class, configurationPid = ServerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ServerConfig.class)
public final class FtpServerComponent implements FtpServerStatus {
    private static final Logger LOG = LoggerFactory.getLogger(FtpServerComponent.class);

    private final EventDispatcher events;
    private final FtpEngine engine;
    private final String version;
    private volatile ServerSettings settings;
    private volatile Instant startedAt;

    private final FeatureServices services;

    @Activate
    public FtpServerComponent(@Reference AuthChain auth, @Reference SessionTable sessions,
            @Reference EventDispatcher events, @Reference GuardChain guards, @Reference FeatureServices services,
            Map<String, Object> properties,
            org.osgi.framework.BundleContext bundleContext) throws InvalidSettingException {
        this.events = events;
        this.services = services;
        this.version = bundleContext.getBundle().getVersion().toString();
        try {
            this.settings = ServerSettings.parse(properties);
        } catch (InvalidSettingException e) {
            LOG.error("{}; the FTP server stays down until the configuration is fixed", e.getMessage());
            throw e;
        }
        events.capacity(settings.eventQueueCapacity());
        // before the listener opens: required services and failure policy hold from the first connection
        services.policy(settings.servicePolicy());
        EngineContext context = new EngineContext(() -> this.settings, auth, sessions, events, services, guards);
        this.engine = new FtpEngine(context, TransferCommands.all(context));
        engine.start(settings);
        startedAt = Instant.now();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ServerSettings next;
        try {
            next = ServerSettings.parse(properties);
        } catch (InvalidSettingException e) {
            LOG.error("{}; keeping the running configuration", e.getMessage());
            return;
        }
        ServerSettings previous = settings;
        try {
            engine.apply(previous, next);
        } catch (RuntimeException e) {
            LOG.error("{}: cannot apply the new configuration ({}); keeping the running one", ServerConfig.PID,
                    e.getMessage());
            return;
        }
        events.capacity(next.eventQueueCapacity());
        services.policy(next.servicePolicy());
        settings = next;
        LOG.info("{}: configuration applied", ServerConfig.PID);
    }

    @Deactivate
    void deactivate() {
        engine.stop();
        LOG.info("FTP server stopped");
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public List<InetSocketAddress> listeners() {
        InetSocketAddress a = engine.boundAddress();
        return a == null ? List.of() : List.of(a);
    }

    @Override
    public long eventsQueued() {
        return events.queued();
    }

    @Override
    public long eventsDelivered() {
        return events.delivered();
    }

    @Override
    public long eventsDropped() {
        return events.dropped();
    }
}
