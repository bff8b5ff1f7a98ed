/**
 * Transfer events: one {@link org.plugftpd.transfer.api.TransferEvent} per finished transfer, delivered from the core's queue.
 */
@Export
@Version("1.1.0")
package org.plugftpd.transfer.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
