/**
 * Quotas (Core API 2): the core asks a {@link org.plugftpd.quota.api.QuotaService} before every
 * change of usage and gets a refusal or a {@link org.plugftpd.quota.api.QuotaTicket}; the ticket
 * hears the bytes as they are written, may stop the transfer, and is ended exactly once with what
 * really changed on disk.
 */
@Export
@Version("2.0.0")
package org.plugftpd.quota.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
