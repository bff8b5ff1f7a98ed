package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class VirtualPathTest {

    private static String resolve(String cwd, String name) {
        return VirtualPath.resolve(cwd, "/home", name);
    }

    @Test
    public void relativeNamesResolveAgainstTheWorkingDirectory() {
        assertEquals("/www/a/b", resolve("/www", "a/b"));
        assertEquals("/a", resolve("/", "a"));
    }

    @Test
    public void absoluteNamesStartAtTheJailRoot() {
        assertEquals("/etc/passwd", resolve("/www", "/etc/passwd"));
    }

    @Test
    public void dotDotIsClampedAtTheRoot() {
        assertEquals("/", resolve("/", ".."));
        assertEquals("/", resolve("/www", "../../../.."));
        assertEquals("/etc/passwd", resolve("/www", "../../../../etc/passwd"));
        assertEquals("/x", resolve("/a/b", "/../../x"));
        assertEquals("/a", resolve("/a/b", ".."));
    }

    @Test
    public void dotsAndRepeatedSlashesAreDropped() {
        assertEquals("/a/b", resolve("/", ".//a/./b//"));
        assertEquals("/", resolve("/", "///"));
        assertEquals("/a", resolve("/", "a/b/./.."));
    }

    @Test
    public void emptyOrNullNameIsTheWorkingDirectory() {
        assertEquals("/www", resolve("/www", ""));
        assertEquals("/www", resolve("/www", null));
    }

    @Test
    public void tildeIsTheHomeDirectory() {
        assertEquals("/home", resolve("/www", "~"));
        assertEquals("/home/x", resolve("/www", "~/x"));
        assertEquals("/www/~x", resolve("/www", "~x"));
    }

    @Test
    public void encodedAndBackslashNamesAreLiteral() {
        assertEquals("/%2e%2e/x", resolve("/", "%2e%2e/x"));
        assertEquals("/..\\x", resolve("/", "..\\x"));
        assertEquals("/...", resolve("/", "..."));
    }

    @Test
    public void nameOfTheRootIsSlash() {
        assertEquals("/", VirtualPath.nameOf("/"));
        assertEquals("b", VirtualPath.nameOf("/a/b"));
    }
}
