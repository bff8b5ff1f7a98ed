package org.plugftpd.core.impl.transfer;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The zero-copy path between a file and a real socket: bytes, chunks, a quota stop and an abort. */
public class ByteMoverTest {
    private Path dir;
    private SocketChannel server;
    private SocketChannel client;

    @Before
    public void connect() throws IOException {
        dir = Files.createTempDirectory("bytemover");
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
        }
    }

    @After
    public void close() throws IOException {
        server.close();
        client.close();
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Test
    public void aDownloadSendsTheFileFromItsPositionWithSendfile() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        Path file = dir.resolve("big.bin");
        Files.write(file, data);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(client));
        ByteMover mover = new ByteMover();
        long[] last = {0};
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            in.position(17);
            mover.download(in, null, null, server, n -> last[0] = n);
        }
        server.close();
        byte[] got = received.get(30, TimeUnit.SECONDS);
        assertTrue(mover.zeroCopy());
        assertEquals(data.length - 17, mover.bytes());
        assertEquals(mover.bytes(), last[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 17, data.length), got);
    }

    @Test
    public void anUploadStopsRightAfterTheChunkTheQuotaRefuses() throws Exception {
        Path file = dir.resolve("up.bin");
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                for (int i = 0; i < 64 && client.isOpen(); i++) {
                    b.clear();
                    client.write(b);
                }
            } catch (IOException e) {
                // the server stopped reading and closed: expected
            }
        });
        ByteMover mover = new ByteMover();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            mover.upload(out, null, null, server, n -> n > 200_000);
        }
        server.close();
        sender.get(30, TimeUnit.SECONDS);
        assertTrue(mover.stopped());
        assertTrue(mover.bytes() > 200_000);
        assertTrue(mover.bytes() <= 200_000 + ByteMover.RECEIVE_BUFFER);
        assertEquals(mover.bytes(), Files.size(file));
    }

    @Test
    public void closingTheSocketFromAnotherThreadEndsABlockedUploadAtOnce() throws Exception {
        Path file = dir.resolve("aborted.bin");
        client.write(ByteBuffer.allocate(1000));
        ByteMover mover = new ByteMover();
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1000);
        CompletableFuture<Void> abort = CompletableFuture.runAsync(() -> {
            try {
                written.await();
                server.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            mover.upload(out, null, null, server, n -> {
                while (written.getCount() > 1000 - n) {
                    written.countDown();
                }
                return false;
            });
            fail("the upload ended normally");
        } catch (IOException expected) {
            // AsynchronousCloseException: what ABOR's close of the data socket gives
        }
        abort.get(30, TimeUnit.SECONDS);
        assertFalse(mover.stopped());
        assertEquals(1000, Files.size(file));
    }

    private static byte[] readAll(SocketChannel channel) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (channel.read(b) >= 0) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
