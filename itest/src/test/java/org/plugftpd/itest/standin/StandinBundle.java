package org.plugftpd.itest.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the stand-in feature bundle's jar from this package's compiled classes. */
public final class StandinBundle {
    public static final String SYMBOLIC_NAME = "org.plugftpd.itest.standin";
    private static final Class<?>[] CLASSES = {StandinActivator.class, StandinAuthenticator.class,
        StandinTransferLog.class};

    private StandinBundle() {
    }

    /** A bundle of the given generation (its version is 1.0.generation). */
    public static InputStream build(int generation) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0." + generation);
        a.putValue("Bundle-Activator", StandinActivator.class.getName());
        a.putValue("Import-Package", "org.osgi.framework,org.plugftpd.auth.api;version=\"[1.0,2)\","
                + "org.plugftpd.transfer.api;version=\"[1.0,2)\"");
        a.putValue("Standin-Generation", Integer.toString(generation));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (Class<?> c : CLASSES) {
                String name = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = StandinBundle.class.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
