/**
 * Connection guards: services the core asks whether a client may connect and tells how its logins
 * and commands went, so a guard (the brute-force defender) can ban an address that misbehaves.
 */
@Export
@Version("1.0.0")
package org.plugftpd.guard.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
