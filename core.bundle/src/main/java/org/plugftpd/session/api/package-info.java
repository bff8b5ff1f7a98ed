/**
 * The live session scoreboard (what pure-ftpwho shows), read-only plus kick; the session-ended
 * notification ({@link org.plugftpd.session.api.SessionListener}); the TLS state of a session's
 * connections ({@link org.plugftpd.session.api.TlsInfo}, empty until the core speaks TLS).
 */
@Export
@Version("1.1.0")
package org.plugftpd.session.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
