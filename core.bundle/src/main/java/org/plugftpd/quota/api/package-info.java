/**
 * Quotas: the core asks a {@link org.plugftpd.quota.api.QuotaService} before a write and tells it what changed after.
 */
@Export
@Version("1.0.0")
package org.plugftpd.quota.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
