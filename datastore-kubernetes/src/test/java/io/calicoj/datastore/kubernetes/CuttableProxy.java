package io.calicoj.datastore.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of an API server that a test can cut (every connection dropped, new ones
 * refused: the API server is gone) and restore on the same port.
 */
final class CuttableProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Drops every connection and refuses new ones. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            try {
                // Reset rather than close: the mock server's event loop blocks for 30 s writing to a
                // WebSocket whose peer only half-closed.
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                // already closed by its pump
            }
            s.close();
        }
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        listener = bind(port);
        accept(listener);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void accept(ServerSocket server) {
        daemon("proxy-accept", () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    synchronized (this) {
                        if (server.isClosed()) {
                            // Accepted just before a cut: it goes with the cut.
                            client.close();
                            return;
                        }
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        sockets.add(client);
                        sockets.add(upstream);
                        daemon("proxy-up", () -> pump(client, upstream));
                        daemon("proxy-down", () -> pump(upstream, client));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side went away: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
