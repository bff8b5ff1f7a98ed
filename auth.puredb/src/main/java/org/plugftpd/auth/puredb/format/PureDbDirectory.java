package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Virtual users in a {@code .pdb}: each lookup probes the mapped file's hash tables; a replaced
 * file is mapped anew and checked whole before it is used (see {@link ReloadingDirectory}).
 * <p>Created by {@link UserDirectory#pureDb}; thread-safe.
 */
final class PureDbDirectory extends ReloadingDirectory<PureDb> {

    PureDbDirectory(Path file) {
        super(file);
    }

    @Override
    PureDb load(Path file, List<String> problems) throws IOException {
        PureDb db = PureDb.open(file);
        db.verify();
        return db;
    }

    @Override
    Lookup lookup(PureDb db, String login, byte[] key) throws PureDbFormatException {
        byte[] value;
        try {
            value = db.find(key);
        } catch (PureDbFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new PureDbFormatException(db.file(), -1, "cannot read: " + e.getMessage(), e);
        }
        return value == null ? Lookup.absent() : AccountParser.parse(login, value, db.file().toString());
    }

    @Override
    boolean loadedVersionIsACopy() {
        return false;
    }
}
