/**
 * Authentication: the chain of {@link org.plugftpd.auth.api.Authenticator}s consulted by {@code service.ranking}, and the {@link org.plugftpd.auth.api.Account} a login yields.
 */
@Export
@Version("1.1.0")
package org.plugftpd.auth.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
