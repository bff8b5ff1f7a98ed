/**
 * Read-only view of the running FTP server: version, bound listeners, event queue figures.
 */
@Export
@Version("1.0.0")
package org.plugftpd.server.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
