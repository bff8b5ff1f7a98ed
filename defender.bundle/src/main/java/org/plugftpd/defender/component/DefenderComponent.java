package org.plugftpd.defender.component;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.score.Ban;
import org.plugftpd.defender.score.BanLine;
import org.plugftpd.defender.score.Defender;
import org.plugftpd.defender.score.DefenderRules;
import org.plugftpd.defender.score.Offence;
import org.plugftpd.defender.store.BanFile;
import org.plugftpd.defender.store.BanStore;
import org.plugftpd.guard.api.Admission;
import org.plugftpd.guard.api.ConnectionGuard;
import org.plugftpd.guard.api.LoginFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The defender as the core's {@link ConnectionGuard}, configured by {@code plugftpd.defender}
 * (present in the shipped etc/, so on by default; without that configuration it does not run).
 * Bans are read from their file at activation and written after each change and at
 * deactivation, so they survive a restart, a reconfiguration and an update of this bundle.
 * A changed configuration is applied in place. Thread-safe.
 */
@Component(configurationPid = DefenderConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {ConnectionGuard.class, DefenderComponent.class})
@Designate(ocd = DefenderConfig.class)
public final class DefenderComponent implements ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DefenderComponent.class);
    /** The ban lines, under a short logger name for log filters. */
    private static final Logger BANS = LoggerFactory.getLogger("org.plugftpd.defender");
    private static final long SWEEP_SECONDS = 60;

    private final Defender defender;
    private final ScheduledExecutorService sweeper;
    private volatile BanStore store;

    @Activate
    public DefenderComponent(DefenderConfig config) {
        DefenderSettings settings = checked(config);
        defender = new Defender(settings.rules, Clock.systemUTC(), this::banned);
        store = open(settings);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugftpd-defender-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(defender::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        LOG.info("defender: {}; bans in {}", settings.rules, settings.file);
    }

    @Modified
    void modified(DefenderConfig config) {
        DefenderSettings settings = checked(config);
        defender.rules(settings.rules);
        if (!settings.file.equals(store.file().path())) {
            BanStore old = store;
            store = open(settings);
            old.close();
            store.saveSoon();
        }
        LOG.info("defender: {}; bans in {}", settings.rules, settings.file);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        store.close();
    }

    @Override
    public Admission admit(InetSocketAddress client) {
        return client.getAddress() == null ? Admission.allow() : defender.admit(client.getAddress());
    }

    @Override
    public void loginFailed(InetSocketAddress client, String login, LoginFailure failure) {
        record(client, failure == LoginFailure.UNKNOWN_ACCOUNT ? Offence.UNKNOWN_USER : Offence.LOGIN_FAILED);
    }

    @Override
    public void protocolError(InetSocketAddress client, String what) {
        record(client, Offence.PROTOCOL_ERROR);
    }

    /** The bans in force, soonest to end first. */
    public List<Ban> bans() {
        return defender.activeBans();
    }

    /** Addresses whose score is being kept. */
    public int tracked() {
        return defender.tracked();
    }

    public DefenderRules rules() {
        return defender.rules();
    }

    /** Bans {@code block} by hand (null length: as the rules give its next ban); logged and saved. */
    public Ban ban(AddressBlock block, Duration length) {
        return defender.ban(block, length, "added by the administrator");
    }

    /** Lifts the bans of {@code block} (see {@link Defender#unban}) and saves. */
    public List<Ban> unban(AddressBlock block) {
        List<Ban> lifted = defender.unban(block);
        store.saveSoon();
        for (Ban b : lifted) {
            LOG.info("defender: ban of {} lifted by the administrator", b.block());
        }
        return lifted;
    }

    private void record(InetSocketAddress client, Offence offence) {
        if (client.getAddress() != null) {
            defender.record(client.getAddress(), offence);
        }
    }

    private void banned(Ban ban, String address) {
        String line = BanLine.of(address, ban);
        // not on the caller's thread: Gogo points a command's System.out/err at the admin client,
        // and the line of a ban added by ftp:ban must reach the server log like any other
        try {
            sweeper.execute(() -> BANS.warn(line));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            BANS.warn(line);
        }
        BanStore s = store;
        if (s != null) {
            s.saveSoon();
        }
    }

    private BanStore open(DefenderSettings settings) {
        BanFile file = new BanFile(settings.file);
        BanFile.Contents contents = file.read();
        for (String problem : contents.problems()) {
            LOG.warn("defender: {}; that entry is ignored", problem);
        }
        if (contents.keptAside() != null) {
            LOG.warn("defender: the damaged ban file was copied to {}", contents.keptAside());
        }
        defender.restore(contents.bans());
        int active = defender.activeBans().size();
        if (active > 0) {
            LOG.info("defender: {} bans in force restored from {}", active, settings.file);
        }
        return new BanStore(file, defender::remembered);
    }

    private static DefenderSettings checked(DefenderConfig config) {
        try {
            return DefenderSettings.of(config, DefenderSettings.home());
        } catch (IllegalArgumentException e) {
            LOG.error("{}: {}; the configuration is not applied", DefenderConfig.PID, e.getMessage());
            throw e;
        }
    }
}
