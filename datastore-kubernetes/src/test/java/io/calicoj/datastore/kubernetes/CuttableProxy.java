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
 * A TCP proxy in front of an API server that a test can cut (every client connection dropped, new
 * ones refused: the API server is gone) and restore on the same port.
 *
 * <p>A cut is seen only by the clients. The server's side of each cut connection is held open and
 * no longer read, so the server never sees those connections fail while a test goes on changing
 * things: fabric8's mock blocks its event loop for 30 s when a watch connection fails while it is
 * sending an event down that watch (its close handler waits for the send, and the send waits for the
 * event loop). The held connections are reset when the proxy is closed.
 */
final class CuttableProxy implements AutoCloseable {

    /** One proxied connection; once cut, only its client side is closed. */
    private static final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean cut;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Ends the connection after a pump stopped: both sides, or only the client's once cut. */
        void end() {
            closeQuietly(client);
            if (!cut) {
                closeQuietly(upstream);
            }
        }
    }

    private final int targetPort;
    private final int port;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
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

    /** Resets every client connection and refuses new ones. */
    synchronized void cut() throws IOException {
        listener.close();
        for (Connection c : open) {
            c.cut = true;
            held.add(c.upstream);
            reset(c.client);
        }
        open.clear();
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
                            reset(client);
                            return;
                        }
                        Connection c = new Connection(client, new Socket(InetAddress.getLoopbackAddress(), targetPort));
                        open.add(c);
                        daemon("proxy-up", () -> pump(c, c.client, c.upstream));
                        daemon("proxy-down", () -> pump(c, c.upstream, c.client));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void pump(Connection c, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0 && !c.cut; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side went away
        } finally {
            open.remove(c);
            c.end();
        }
    }

    /** Closes with a reset rather than a FIN, so that the peer's next read or write fails at once. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed by its pump
        }
        closeQuietly(s);
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

    /** Cuts, then resets the server's side of every connection held since a cut. */
    @Override
    public synchronized void close() throws IOException {
        cut();
        held.forEach(CuttableProxy::reset);
        held.clear();
    }
}
