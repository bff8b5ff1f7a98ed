/**
 * Upload veto (Core API 2): a synchronous {@link org.plugftpd.upload.veto.api.UploadVeto} the core
 * asks before an upload starts, which may refuse it with the text the client reads. A package of
 * its own so it versions apart from the asynchronous {@code org.plugftpd.upload.api} events.
 */
@Export
@Version("1.0.0")
package org.plugftpd.upload.veto.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
