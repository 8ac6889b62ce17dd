package io.calicoj.sandbox.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
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

    /** Copies both directions until the server closes its side (HTTP clients may half-close theirs). */
    private void forward(SocketChannel client, int port) {
        try (client; Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream toClient = Channels.newOutputStream(client);
            Future<?> responses = pool.submit(() -> copy(upstream.getInputStream(), toClient));
            copy(Channels.newInputStream(client), upstream.getOutputStream());
            if (!upstream.isClosed()) {
                upstream.shutdownOutput();
            }
            responses.get();
        } catch (IOException | ExecutionException e) {
            // a client or the server went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Void copy(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
            to.flush();
        } catch (IOException e) {
            // the other side closed
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
