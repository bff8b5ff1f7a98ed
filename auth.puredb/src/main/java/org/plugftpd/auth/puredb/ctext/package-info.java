/**
 * Text the way Pure-FTPd 1.0.50's C code reads it on Linux/glibc x86-64, shared by the server's readers
 * ({@code format}) and pure-pw ({@code pw}): the C library's number conversions ({@link
 * org.plugftpd.auth.puredb.ctext.CNumbers}) and {@code fgets}/{@code strip_lf} line reading of
 * pureftpd.passwd and of typed passwords ({@link org.plugftpd.auth.puredb.ctext.FgetsLineReader}). Private to the
 * bundle.
 */
package org.plugftpd.auth.puredb.ctext;
