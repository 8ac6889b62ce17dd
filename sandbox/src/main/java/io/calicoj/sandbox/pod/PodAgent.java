package io.calicoj.sandbox.pod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What runs "in" a sandbox pod (started inside the pod's network namespace): servers for the
 * pod's declared TCP and UDP ports (TCP accepts, UDP echoes), and a control socket (a Unix socket
 * in the sandbox directory, reachable from any namespace) on which the prober asks it to connect
 * somewhere from inside the pod: {@code PROBE <ip> <port> <TCP|UDP> <timeout ms>} → {@code OK} or
 * {@code FAIL <why>}.
 */
public final class PodAgent {

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pod-agent");
        t.setDaemon(true);
        return t;
    });

    public void run(Path controlSocket, List<ServedPort> ports) throws IOException, InterruptedException {
        for (ServedPort p : ports) {
            switch (p.protocol()) {
                case "TCP" -> serveTcp(p.port());
                case "UDP" -> serveUdp(p.port());
                default -> System.err.println("pod-agent: not serving " + p + ": this kernel has no " + p.protocol() + " sockets");
            }
        }
        Files.deleteIfExists(controlSocket);
        try (ServerSocketChannel control = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            control.bind(UnixDomainSocketAddress.of(controlSocket));
            System.err.println("pod-agent: serving " + ports + ", control " + controlSocket);
            while (true) {
                SocketChannel c = control.accept();
                pool.submit(() -> handle(c));
            }
        }
    }

    private void serveTcp(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(port), 128);
        pool.submit(() -> {
            while (true) {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write('\n');
                } catch (IOException e) {
                    // a probe that went away; keep serving
                }
            }
        });
    }

    private void serveUdp(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(port);
        pool.submit(() -> {
            byte[] buf = new byte[512];
            while (true) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                } catch (IOException e) {
                    // keep serving
                }
            }
        });
    }

    private void handle(SocketChannel channel) {
        try (channel; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                StandardCharsets.UTF_8)); OutputStream out = Channels.newOutputStream(channel)) {
            String line = in.readLine();
            String answer = line == null ? "FAIL empty request" : answer(line.trim());
            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the prober went away
        }
    }

    static String answer(String request) {
        String[] f = request.split(" ");
        if (f.length != 5 || !f[0].equals("PROBE")) {
            return "FAIL bad request: " + request;
        }
        try {
            InetAddress ip = InetAddress.getByName(f[1]);
            int port = Integer.parseInt(f[2]);
            int timeout = Integer.parseInt(f[4]);
            return switch (f[3]) {
                case "TCP" -> tcp(ip, port, timeout);
                case "UDP" -> udp(ip, port, timeout);
                default -> "FAIL unsupported protocol " + f[3];
            };
        } catch (IOException | RuntimeException e) {
            return "FAIL " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String tcp(InetAddress ip, int port, int timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), timeout);
            return "OK";
        } catch (SocketTimeoutException e) {
            return "FAIL timeout";
        } catch (IOException e) {
            return "FAIL " + e.getMessage();
        }
    }

    private static String udp(InetAddress ip, int port, int timeout) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(timeout);
            byte[] msg = "probe".getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(msg, msg.length, ip, port));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            s.receive(reply);
            return "OK";
        } catch (SocketTimeoutException e) {
            return "FAIL timeout";
        } catch (IOException e) {
            return "FAIL " + e.getMessage();
        }
    }
}
