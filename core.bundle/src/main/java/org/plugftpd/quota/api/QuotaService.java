package org.plugftpd.quota.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import org.plugftpd.auth.api.Account;

/**
 * Keeps an account's file and size quota (spec/quota.md). Before every change of usage the core
 * asks {@link #begin} and gets a refusal or a {@link QuotaTicket} that it feeds and ends exactly
 * once (the model is Apache FtpServer's Ftplet start/end pairs). No QuotaService bound means no
 * quota, unless the site lists {@code quota} in {@code requiredServices}. A call that throws or
 * overruns the core's time limit follows the {@code quotaFailure} policy ({@code closed}: the
 * write is refused with {@code 451}).
 * <p>Lifecycle: a DS service that may come and go at any time. Threading: called concurrently by
 * many session threads; must be thread-safe and quick.
 */
@ConsumerType
public interface QuotaService {

    /** May this change happen? A grant carries the ticket the core reports to. */
    QuotaDecision begin(QuotaRequest request);

    /**
     * The usage lines Pure-FTPd appends to the {@code 230} login reply (spec/quota.md §4) for an
     * account jailed at {@code root}; empty when the account has no quota.
     */
    default List<String> usage(Account account, Path root) {
        return List.of();
    }
}
