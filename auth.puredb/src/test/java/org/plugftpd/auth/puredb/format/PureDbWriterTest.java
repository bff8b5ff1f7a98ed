package org.plugftpd.auth.puredb.format;

import static org.junit.Assert.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PureDbWriterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void mkdbOfEveryVectorPasswdIsByteIdenticalToPurePw() throws Exception {
        for (Path passwd : Vectors.passwdWithPdb()) {
            Path ours = temp.getRoot().toPath().resolve(passwd.getFileName() + ".pdb");
            PureDbWriter.mkdb(passwd, ours);
            assertArrayEquals(passwd.toString(), Files.readAllBytes(Vectors.pdbOf(passwd)), Files.readAllBytes(ours));
        }
    }
}
