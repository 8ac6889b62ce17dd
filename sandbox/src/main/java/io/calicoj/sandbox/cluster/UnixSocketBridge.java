package io.calicoj.sandbox.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;

/**
 * Forwards connections on a Unix socket to a TCP port on loopback. The sandbox's API server
 * listens on 127.0.0.1 of the machine's own namespace; processes in node namespaces reach it
 * through this socket (a file, visible from every network namespace) and a {@code socat} in
 * each node namespace that listens on that node's 127.0.0.1:6443.
 */
final class UnixSocketBridge implements AutoCloseable {

    private final ServerSocketChannel server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "api-bridge");
        t.setDaemon(true);
        return t;
    });

    UnixSocketBridge(Path socket, int tcpPort) throws IOException {
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        pool.submit(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    pool.submit(() -> forward(client, tcpPort));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /**
     * Copies both directions until the server closes its side (HTTP clients may half-close theirs).
     * The Unix channel is read and written with its own methods: streams from {@code Channels}
     * would serialise a blocked read against the writes of the other direction.
     */
    private void forward(SocketChannel client, int port) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            InputStream fromServer = upstream.getInputStream();
            Future<?> responses = pool.submit(() -> {
                byte[] buf = new byte[16384];
                int n;
                try {
                    while ((n = fromServer.read(buf)) >= 0) {
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                        while (bb.hasRemaining()) {
                            client.write(bb);
                        }
                    }
                } catch (IOException e) {
                    // either side closed
                }
                return null;
            });
            OutputStream toServer = upstream.getOutputStream();
            ByteBuffer bb = ByteBuffer.allocate(16384);
            try {
                while (client.read(bb) >= 0) {
                    toServer.write(bb.array(), 0, bb.position());
                    toServer.flush();
                    bb.clear();
                }
                upstream.shutdownOutput();
            } catch (IOException e) {
                // the client went away
            }
            responses.get();
        } catch (IOException | ExecutionException e) {
            // a client or the server went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
