/**
 * Pure-FTPd's virtual-user files, plain Java: the PureDB ({@code .pdb}) reader and writer
 * (spec/puredb.md), pure-pw mkdb's reading of {@code pureftpd.passwd}, the server's parsing of an
 * account line (spec/passwd.md §2.2), and {@link org.plugftpd.auth.puredb.format.UserDirectory},
 * which serves logins from either file and follows its replacement. Private to the bundle.
 */
package org.plugftpd.auth.puredb.format;
