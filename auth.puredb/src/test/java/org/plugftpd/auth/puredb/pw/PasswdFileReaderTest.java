package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PasswdFileReaderTest {
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final List<String> warnings = new ArrayList<>();
    private final List<String> logins = new ArrayList<>();

    @Test
    public void theWarningShowsTheTextBeforeTheFirstColon() throws Exception {
        read("alempty::2990:2990::/h/./::::\nnocolon\n:x\n#comment\n\nok:h:1:1::/h\n");
        assertEquals(List.of("Warning: invalid line [alempty]", "Warning: invalid line [nocolon]",
                "Warning: invalid line []"), warnings);
        assertEquals(List.of("ok"), logins);
    }

    @Test
    public void aLineLongerThan2046BytesIsReadInPiecesLikePurePwDoes() throws Exception {
        // spec/passwd.md §1: the first piece is an account, the rest of the line a line of its own
        String longGecos = "g".repeat(2046 - "long:h:1:1:".length());
        read("long:h:1:1:" + longGecos + "rest:of:line\r\nafter:h:2:2::/a\n");
        assertEquals(List.of("Warning: invalid line [long]", "Warning: invalid line [rest]"), warnings);
        assertEquals(List.of("after"), logins);
    }

    @Test
    public void contentEndsAtTheFirstCrLfOrNul() throws Exception {
        read("cr:h:1:1::/h\rjunk\nnul:h:2:2::/n\0junk\ncrlf:h:3:3::/c\r\n");
        assertEquals(List.of(), warnings);
        assertEquals(List.of("cr", "nul", "crlf"), logins);
    }

    private void read(String text) throws Exception {
        Path file = temp.newFile("pureftpd.passwd").toPath();
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        PasswdFileReader.forEachAccount(file, warnings::add, entry -> logins.add(entry.login));
    }
}
