package org.plugftpd.altlog.component;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;

public class AltLogListenerTest {
    private Path dir;
    private AltLogListener log;

    @Before
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("altlog-modified");
    }

    @After
    public void tearDown() throws Exception {
        if (log != null) {
            log.deactivate();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void aReconfigurationKeepsTheLinesWaitingForTheFile() throws Exception {
        Path file = dir.resolve("later/xfer.log");
        log = new AltLogListener(config("clf", file.toString(), 100), Map.of("service.pid", "plugftpd.altlog~t"));
        log.transferEnded(event("one.txt"));
        assertTrue(log.describe(), log.describe().contains("backlog=1"));
        log.modified(config("clf", file.toString(), 50));
        Files.createDirectories(file.getParent());
        log.transferEnded(event("two.txt"));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(lines.toString(), 2, lines.size());
        assertTrue(lines.get(0), lines.get(0).contains("one.txt"));
        assertTrue(lines.get(1), lines.get(1).contains("two.txt"));
    }

    @Test
    public void aBadReconfigurationIsRefusedAndTheLogGoesOn() throws Exception {
        Path file = dir.resolve("xfer.log");
        log = new AltLogListener(config("clf", file.toString(), 100), Map.of("service.pid", "plugftpd.altlog~t"));
        log.transferEnded(event("one.txt"));
        log.modified(config("nope", file.toString(), 100));
        log.transferEnded(event("two.txt"));
        assertEquals(2, Files.readAllLines(file, StandardCharsets.UTF_8).size());
        assertTrue(log.describe(), log.describe().contains(" clf "));
    }

    @Test
    public void aNewFileOrFormatAppliesFromTheNextLine() throws Exception {
        Path first = dir.resolve("a.log");
        Path second = dir.resolve("b.log");
        log = new AltLogListener(config("clf", first.toString(), 100), Map.of("service.pid", "plugftpd.altlog~t"));
        log.transferEnded(event("one.txt"));
        log.modified(config("xferlog", second.toString(), 100));
        log.transferEnded(event("two.txt"));
        assertEquals(1, Files.readAllLines(first, StandardCharsets.UTF_8).size());
        List<String> moved = Files.readAllLines(second, StandardCharsets.UTF_8);
        assertEquals(1, moved.size());
        assertTrue("an xferlog line: " + moved.get(0), moved.get(0).contains(" b _ i r "));
    }

    private static TransferEvent event(String name) {
        return TransferEvent.builder().direction(Direction.UPLOAD).status(Status.COMPLETED)
                .start(Instant.parse("2026-01-02T03:04:05Z")).duration(Duration.ofMillis(10)).bytes(5)
                .client(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000)).login("joe")
                .requestedPath(name).storedPath("/home/joe/" + name).build();
    }

    private static AltLogConfig config(String format, String file, int backlog) {
        return (AltLogConfig) Proxy.newProxyInstance(AltLogListenerTest.class.getClassLoader(),
                new Class<?>[] {AltLogConfig.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "format": return format;
                        case "file": return file;
                        case "resolveHosts": return false;
                        case "backlogLines": return backlog;
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
    }
}
