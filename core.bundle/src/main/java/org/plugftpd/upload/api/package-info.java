/**
 * Upload events: one {@link org.plugftpd.upload.api.UploadEvent} per completed upload, delivered from the core's queue.
 */
@Export
@Version("1.1.0")
package org.plugftpd.upload.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
