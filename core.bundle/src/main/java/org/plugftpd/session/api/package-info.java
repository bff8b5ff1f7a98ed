/**
 * The live session scoreboard (what pure-ftpwho shows), read-only plus kick.
 */
@Export
@Version("1.0.0")
package org.plugftpd.session.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
