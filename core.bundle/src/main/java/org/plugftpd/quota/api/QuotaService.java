package org.plugftpd.quota.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keeps an account's file and size quota (spec/quota.md). The core asks before a write and tells
 * what actually changed after it, including partial uploads, overwrites, renames and deletes.
 * No QuotaService bound means no quota. Called on session threads; must be thread-safe and quick.
 */
@ConsumerType
public interface QuotaService {

    /** May this write start? A refusal carries the text the client sees after {@code 552}. */
    QuotaDecision beforeWrite(QuotaRequest request);

    /** The write or removal happened; {@code filesDelta}/{@code bytesDelta} may be negative. */
    void afterChange(QuotaRequest request, long filesDelta, long bytesDelta);
}
