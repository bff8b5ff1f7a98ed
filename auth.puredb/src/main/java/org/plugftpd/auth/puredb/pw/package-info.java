/**
 * The pure-pw compatible command (bin/plugftpd pw, ftp:pw): pureftpd.passwd editing with pure-pw's rules,
 * messages and exit codes; entry point {@link org.plugftpd.auth.puredb.pw.PurePw}.
 */
package org.plugftpd.auth.puredb.pw;
